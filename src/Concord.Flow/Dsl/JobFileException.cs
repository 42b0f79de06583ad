namespace Concord.Flow.Dsl;

/// <summary>
/// A job file that cannot run. The message lists every problem found (up to <see cref="JobFile.MaxErrors"/>),
/// each as <c>file:line:column: field: what was expected</c>.
/// </summary>
public sealed class JobFileException : Exception
{
    public JobFileException(string source, IReadOnlyList<JobFileError> errors, int total)
        : base(Describe(source, errors, total))
    {
        SourceName = source;
        Errors = errors;
        Total = total;
    }

    /// <summary>The file (or name) the job came from.</summary>
    public string SourceName { get; }

    /// <summary>The problems reported, in file order.</summary>
    public IReadOnlyList<JobFileError> Errors { get; }

    /// <summary>How many problems were found, including any beyond those reported.</summary>
    public int Total { get; }

    private static string Describe(string source, IReadOnlyList<JobFileError> errors, int total)
    {
        if (total == 1)
        {
            return errors[0].ToString();
        }
        var more = total > errors.Count ? $"{Environment.NewLine}  ... and {total - errors.Count} more" : "";
        return $"{source}: {total} errors{Environment.NewLine}  {string.Join(Environment.NewLine + "  ", errors)}{more}";
    }
}
