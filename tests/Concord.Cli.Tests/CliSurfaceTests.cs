using System.Reflection;

namespace Concord.Cli.Tests;

/// <summary>The command line itself: one version, one line for a mistyped command, and option placeholders that say what goes there.</summary>
public class CliSurfaceTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(1);

    [Fact]
    public async Task Version_command_and_version_option_print_the_same_informational_version()
    {
        var command = await ConcordProcess.RunAsync(Timeout, "version");
        var option = await ConcordProcess.RunAsync(Timeout, "--version");

        var expected = typeof(Program).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion;
        Assert.Equal((0, expected), (command.ExitCode, command.Stdout.Trim()));
        Assert.Equal((0, expected), (option.ExitCode, option.Stdout.Trim()));
    }

    [Theory]
    [InlineData(new[] { "jb", "list" }, "unknown command 'jb'; did you mean 'job'? (concord --help lists commands)")]
    [InlineData(new[] { "job", "statu", "x" }, "unknown command 'statu'; did you mean 'status'? (concord job --help lists commands)")]
    [InlineData(new[] { "model", "lst" }, "unknown command 'lst'; did you mean 'list'? (concord model --help lists commands)")]
    [InlineData(new[] { "xyzzyq" }, "unknown command 'xyzzyq' (concord --help lists commands)")]
    [InlineData(new[] { "job", "list", "--jsn" }, "unknown option '--jsn'; did you mean '--json'? (concord job list --help lists options)")]
    public async Task An_unknown_word_is_one_line_with_the_nearest_known_one_and_a_failure(string[] arguments, string expected)
    {
        var result = await ConcordProcess.RunAsync(Timeout, arguments);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Equal(expected, result.Stderr.Trim());
        Assert.Empty(result.Stdout);
    }

    [Fact]
    public async Task Help_names_what_each_short_option_takes()
    {
        var submit = await ConcordProcess.RunAsync(Timeout, "job", "submit", "--help");
        var output = await ConcordProcess.RunAsync(Timeout, "job", "output", "--help");

        Assert.Contains("-c, --job <file>", submit.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("<c>", submit.Stdout, StringComparison.Ordinal);
        Assert.Contains("--out <file>", output.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Nearest_word_is_by_edit_distance_and_none_when_nothing_is_close()
    {
        Assert.Equal(1, Flow.Dsl.NearestName.Distance("statu", "status"));
        Assert.Equal(3, Flow.Dsl.NearestName.Distance("kitten", "sitting"));
        Assert.Equal("metrics", Flow.Dsl.NearestName.Find("metircs", ["logs", "metrics", "list"]));
        Assert.Null(Flow.Dsl.NearestName.Find("zzzz", ["job", "model", "data"]));
    }
}
