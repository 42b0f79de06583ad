using Concord.Flow.Dsl.Parsing;
using Concord.Flow.Dsl.Specs;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Concord.Flow.Dsl;

/// <summary>
/// The job file: YAML (or JSON, which YAML reads too) with a <c>job</c> section of settings, the
/// <c>parties</c> by role, and a list of <c>components</c>, each with a name, a type, inputs from other
/// components' outputs, common <c>parameters</c>, and per-role or per-party values under <c>parties</c>.
/// Everything is checked before anything runs; see examples/jobs for complete files.
/// </summary>
public static class JobFile
{
    /// <summary>How many problems one exception lists; more only bury the first ones.</summary>
    public const int MaxErrors = 20;

    public static JobDefinition Load(string path, ComponentSpecs? specs = null)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new JobFileException(path, [new JobFileError(path, 0, 0, "", $"cannot read the job file: {ex.Message}")], 1);
        }
        return Parse(text, path, specs);
    }

    /// <param name="sourceName">How messages name the file, usually its path.</param>
    /// <param name="specs">The component types the job may use; <see cref="ComponentSpecs.Default"/> when null.</param>
    /// <param name="limits">A node's limits, for a job it is asked to run; none for a job it already holds.</param>
    public static JobDefinition Parse(string yaml, string sourceName, ComponentSpecs? specs = null, JobLimits? limits = null)
    {
        limits?.CheckSize(yaml, sourceName);
        var errors = new ErrorSink(sourceName);
        var stream = new YamlStream();
        var parser = new TrackingParser(yaml);
        try
        {
            stream.Load(parser);
        }
        catch (YamlException ex)
        {
            // The scanner's start is where the broken construct begins; the problem itself may be further on.
            if (IndentingTab(yaml) is Mark tab && ex.Message.Contains("tab", StringComparison.Ordinal))
            {
                errors.Add(tab, "", "not valid YAML: a tab in the indentation; YAML indents with spaces only");
                throw errors.Fail();
            }
            var upTo = ex.End.Line > ex.Start.Line ? $" (up to line {ex.End.Line}, column {ex.End.Column})" : "";
            errors.Add(ex.Start, "", $"not valid YAML: {ex.Message}{upTo}");
            throw errors.Fail();
        }
        catch (InvalidOperationException)
        {
            errors.Add(parser.LastGood, "", "not valid YAML after this point; an unclosed bracket, brace or quote is the usual cause");
            throw errors.Fail();
        }
        if (stream.Documents.Count != 1 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            var (mark, found) = stream.Documents.Count switch
            {
                0 => (new Mark(0, 1, 1), "an empty file"),
                1 => (stream.Documents[0].RootNode.Start, stream.Documents[0].RootNode.Describe()),
                var n => (stream.Documents[1].RootNode.Start, $"{n} YAML documents"),
            };
            errors.Add(mark, "", $"expected one mapping with job, parties and components, found {found}");
            throw errors.Fail();
        }
        limits?.CheckComponents(root, sourceName);
        var job = new JobFileReader(sourceName, specs ?? ComponentSpecs.Default, errors).Read(root);
        limits?.CheckParties(job);
        return job;
    }

    /// <summary>
    /// The first tab among a line's leading blanks. YamlDotNet reports some of these at 1:1, or at the scalar
    /// before them, so the tab is looked for here to point at it.
    /// </summary>
    private static Mark? IndentingTab(string yaml)
    {
        var lines = yaml.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var indent = lines[i].Length - lines[i].TrimStart(' ', '\t').Length;
            var tab = lines[i].IndexOf('\t', 0, indent);
            if (tab >= 0)
            {
                return new Mark(0, i + 1, tab + 1);
            }
        }
        return null;
    }
}
