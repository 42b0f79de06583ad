using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Concord.Flow.Dsl.Parsing;

/// <summary>Collects a job file's problems so the author sees all of them at once, not one per attempt.</summary>
internal sealed class ErrorSink(string source)
{
    private readonly List<JobFileError> _errors = [];

    public bool Any => _errors.Count > 0;

    public void Add(YamlNode node, string where, string message) => Add(node.Start, where, message);

    public void Add(Mark mark, string where, string message) =>
        _errors.Add(new JobFileError(source, (int)mark.Line, (int)mark.Column, where, message));

    public void ThrowIfAny()
    {
        if (_errors.Count > 0)
        {
            throw Fail();
        }
    }

    /// <summary>The exception listing what was collected, in file order; for the caller to throw.</summary>
    public JobFileException Fail()
    {
        var inFileOrder = _errors.OrderBy(e => e.Line).ThenBy(e => e.Column).ToList();
        return new JobFileException(source, [.. inFileOrder.Take(JobFile.MaxErrors)], inFileOrder.Count);
    }
}
