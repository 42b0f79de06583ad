namespace Concord.Cli.Tests;

public class NodeStartTests
{
    private const string OneGuest = """
        federation: test
        ca: ca.crt
        parties:
          - id: 9999
            role: {0}
            address: https://127.0.0.1:9380
            cert: party-9999.crt
            key: party-9999.key
        """;

    [Fact]
    public async Task A_missing_config_is_named_in_a_one_line_error()
    {
        var run = await ConcordProcess.RunAsync(TimeSpan.FromMinutes(1), "node", "start", "--party", "9999", "--config", "/nonexistent/parties.yaml");
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("error: party config /nonexistent/parties.yaml does not exist", run.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_party_is_named_with_the_parties_the_config_lists()
    {
        var run = await StartWithConfigAsync(string.Format(System.Globalization.CultureInfo.InvariantCulture, OneGuest, "guest"), party: "12345");
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("unknown party 12345", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("lists parties 9999", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_config_with_a_bad_role_points_at_the_party_and_field()
    {
        var run = await StartWithConfigAsync(string.Format(System.Globalization.CultureInfo.InvariantCulture, OneGuest, "coordinator"), party: "9999");
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("parties[0] (party 9999) field \"role\"", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("coordinator", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_certificate_file_is_named()
    {
        var run = await StartWithConfigAsync(string.Format(System.Globalization.CultureInfo.InvariantCulture, OneGuest, "guest"), party: "9999");
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("party-9999.crt does not exist", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("concord cert init", run.Stderr, StringComparison.Ordinal);
    }

    private static async Task<ConcordProcess.Result> StartWithConfigAsync(string yaml, string party)
    {
        var folder = Directory.CreateTempSubdirectory("concord-node-").FullName;
        try
        {
            var config = Path.Combine(folder, "parties.yaml");
            await File.WriteAllTextAsync(config, yaml);
            return await ConcordProcess.RunAsync(TimeSpan.FromMinutes(1), "node", "start", "--party", party, "--config", config, "--home", folder);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
