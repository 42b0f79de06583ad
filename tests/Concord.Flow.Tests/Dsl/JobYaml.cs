using Concord.Flow.Dsl;

namespace Concord.Flow.Tests.Dsl;

/// <summary>Runs job files that must fail, and finds where in them an error ought to point.</summary>
internal static class JobYaml
{
    public const string Source = "test-job.yaml";

    /// <summary>A valid head for jobs whose point is in their components.</summary>
    public const string Parties = """
        parties:
          guest: 9999
          hosts: [10000, 10001]
          arbiter: 10002
        """;

    /// <summary>A job with <see cref="Parties"/> and these components, written as a list at column 0.</summary>
    public static string Job(string components) => $"{Parties}\ncomponents:\n{components}";

    /// <summary>A reader every test job can start from.</summary>
    public const string Reader = """
        - name: reader_0
          type: reader
          parameters: { table: { namespace: demo, name: credit } }
        """;

    public static JobDefinition Parse(string yaml) => JobFile.Parse(yaml, Source);

    public static JobFileException Fail(string yaml) => Assert.Throws<JobFileException>(() => JobFile.Parse(yaml, Source));

    /// <summary>The only error of a file that has exactly one.</summary>
    public static JobFileError SingleError(string yaml)
    {
        var failure = Fail(yaml);
        return Assert.Single(failure.Errors);
    }

    /// <summary>The 1-based line of the one line of <paramref name="yaml"/> that contains <paramref name="fragment"/>.</summary>
    public static int LineOf(string yaml, string fragment)
    {
        var lines = yaml.Split('\n').Select((text, i) => (text, line: i + 1)).Where(l => l.text.Contains(fragment, StringComparison.Ordinal)).ToList();
        Assert.True(lines.Count == 1, $"\"{fragment}\" is on {lines.Count} lines of the test's YAML; make it unique");
        return lines[0].line;
    }

    /// <summary>
    /// Asserts that the error points at the line holding <paramref name="line"/>, at the column where
    /// <paramref name="at"/> (or the line fragment itself) starts on it, and that its text says so.
    /// </summary>
    public static void AssertAt(JobFileError error, string yaml, string line, string? at = null)
    {
        var number = LineOf(yaml, line);
        var text = yaml.Split('\n')[number - 1];
        var column = text.IndexOf(at ?? line, StringComparison.Ordinal) + 1;
        Assert.True(column > 0, $"\"{at}\" is not on the line \"{text}\"");
        Assert.Equal((number, column), (error.Line, error.Column));
        Assert.StartsWith($"{Source}:{number}:{column}: ", error.ToString(), StringComparison.Ordinal);
    }

    /// <summary>Asserts where the error points (as <see cref="AssertAt"/>) and that its message contains <paramref name="says"/>.</summary>
    public static void AssertError(JobFileError error, string yaml, string says, string line, string? at = null)
    {
        AssertAt(error, yaml, line, at);
        Assert.Contains(says, error.Message, StringComparison.Ordinal);
    }

    /// <summary>Asserts that the job fails with just one error, where and as given.</summary>
    public static JobFileError AssertOnlyError(string yaml, string says, string line, string? at = null)
    {
        var error = SingleError(yaml);
        AssertError(error, yaml, says, line, at);
        return error;
    }
}
