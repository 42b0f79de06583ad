using System.Text.Json;
using Concord.Data.Tests;

namespace Concord.Cli.Tests;

/// <summary>
/// The CLI as a user installs it (README, Install): <c>dotnet pack</c> makes a .NET tool package, <c>dotnet tool
/// install</c> puts <c>concord</c> on a path, and that installed command prints the build's version and runs a
/// federated job whose nodes it starts as processes of its own.
/// </summary>
public class ToolPackageTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(5);

    [Fact]
    public async Task The_packed_tool_installs_prints_its_version_and_runs_a_job()
    {
        var work = Directory.CreateTempSubdirectory("concord-tool-");
        try
        {
            var (packages, tools, jobs) = (Path.Combine(work.FullName, "nupkg"), Path.Combine(work.FullName, "tools"), Path.Combine(work.FullName, "run"));
            // The solution build has built the CLI already: pack that build, as the README's `dotnet pack` would.
            await Dotnet(null, "pack", Path.Combine(ExampleData.Repository, "src", "Concord.Cli"), "-c", Configuration, "--no-build", "-o", packages);
            // Only the package just made is a source, so no other feed's package of that name can be taken instead.
            var sources = Path.Combine(work.FullName, "nuget.config");
            await File.WriteAllTextAsync(sources, $"<configuration><packageSources><clear /><add key=\"local\" value=\"{packages}\" /></packageSources></configuration>");
            await Dotnet(null, "tool", "install", "--tool-path", tools, "--configfile", sources, "concord");
            var concord = Path.Combine(tools, "concord");

            var version = await Succeeds(concord, null, "version");
            Assert.Equal(ConcordVersion.Text, version.Stdout.Trim());
            Assert.Equal(version.Stdout, (await Succeeds(concord, null, "--version")).Stdout);

            Directory.CreateDirectory(jobs);
            var run = await Succeeds(concord, jobs, "run", Path.Combine(ExampleData.Repository, "examples", "jobs", "psi-breast.yaml"), "--json");
            using var outcome = JsonDocument.Parse(run.LastLine);
            Assert.Equal("success", outcome.RootElement.GetProperty("state").GetString());
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    /// <summary>The configuration these tests were built in, so the pack takes the same build.</summary>
    private static string Configuration => AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";

    private static Task<ConcordProcess.Result> Dotnet(string? folder, params string[] arguments) => Succeeds("dotnet", folder, arguments);

    private static async Task<ConcordProcess.Result> Succeeds(string program, string? folder, params string[] arguments)
    {
        var result = await ConcordProcess.RunProgramAsync(program, folder, Timeout, arguments);
        Assert.True(result.ExitCode == 0, $"{program} {string.Join(' ', arguments)} exited {result.ExitCode}: {result.Stderr}{result.Stdout}");
        return result;
    }
}
