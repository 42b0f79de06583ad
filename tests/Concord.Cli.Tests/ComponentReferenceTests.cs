using Concord.Cli.Commands.Job;
using Concord.Data.Tests;

namespace Concord.Cli.Tests;

/// <summary>
/// docs/components.md is what <c>concord job components</c> writes from the specs, so the job reference cannot drift
/// from what the DSL accepts; and the parameters a user hit undocumented are documented.
/// </summary>
public class ComponentReferenceTests
{
    private const string RefreshVariable = "CONCORD_REFRESH_COMPONENTS";

    [Fact]
    public async Task The_checked_in_reference_is_what_concord_job_components_prints()
    {
        var printed = await ConcordProcess.RunAsync(TimeSpan.FromMinutes(1), "job", "components");
        Assert.Equal(0, printed.ExitCode);
        var path = Path.Combine(ExampleData.Repository, ComponentsCommand.DocumentPath);
        if (Environment.GetEnvironmentVariable(RefreshVariable) == "1")
        {
            await File.WriteAllTextAsync(path, printed.Stdout);
        }
        Assert.True(File.Exists(path) && await File.ReadAllTextAsync(path) == printed.Stdout,
            $"{ComponentsCommand.DocumentPath} differs from what concord job components prints; refresh it with: " +
            $"dotnet run --project src/Concord.Cli -c Release -- job components --out {ComponentsCommand.DocumentPath}");
    }

    [Theory]
    [InlineData("hetero_linr")]
    [InlineData("hetero_poisson")]
    [InlineData("homo_nn")]
    [InlineData("model_loader")]
    public async Task Every_component_has_its_section(string type)
    {
        var printed = await ConcordProcess.RunAsync(TimeSpan.FromMinutes(1), "job", "components");
        Assert.Contains($"\n## {type}\n", printed.Stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("standardize")]
    [InlineData("decay")]
    [InlineData("keep_constant_features")]
    public async Task A_parameter_users_asked_about_has_a_row_with_its_meaning(string name)
    {
        var printed = await ConcordProcess.RunAsync(TimeSpan.FromMinutes(1), "job", "components");
        var row = printed.Stdout.Split('\n').First(l => l.StartsWith($"| `{name}` |", StringComparison.Ordinal));
        Assert.False(row.TrimEnd().EndsWith("|  |", StringComparison.Ordinal), row);
    }
}
