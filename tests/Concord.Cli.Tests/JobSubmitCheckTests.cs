using Concord.Local;

namespace Concord.Cli.Tests;

/// <summary><c>concord job submit</c> checks the job's parties against parties.yaml before it reaches any node.</summary>
public class JobSubmitCheckTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task A_job_naming_a_party_absent_from_parties_yaml_is_refused_with_its_line_before_anything_is_sent()
    {
        var folder = Directory.CreateTempSubdirectory("concord-submit-check-").FullName;
        try
        {
            // No node runs: a refusal can only come from the CLI's own check.
            await using var federation = LocalFederation.Create(folder, 9999, [10000]);
            var job = Path.Combine(folder, "job.yaml");
            await File.WriteAllTextAsync(job, """
                job: { name: roster }
                parties:
                  guest: 9999
                  hosts: [10000]
                  arbiter: 10003
                components:
                  - name: reader_0
                    type: reader
                    parameters: { table: { namespace: t, name: rows } }
                """);

            var result = await ConcordProcess.RunAsync(Timeout, "job", "submit", "-c", job, "--config", federation.ConfigPath);

            Assert.Equal(1, result.ExitCode);
            Assert.Equal($"error: job.yaml:5:12: party 10003 (arbiter) is not in {federation.ConfigPath}; it lists 9999 (guest), 10000 (host)", result.Stderr.Trim());
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
