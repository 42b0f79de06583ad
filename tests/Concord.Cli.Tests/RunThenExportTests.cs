using System.Text.Json;
using Concord.Federation.Security;
using Concord.Flow.Store;
using Concord.Local;

namespace Concord.Cli.Tests;

/// <summary>
/// After plain <c>concord run</c> (no --keep, no parties.yaml left), a model in a party's home is exported offline,
/// signed with that party's key, and verifies against the CA that every run on the machine shares.
/// </summary>
[Collection(NodeProcesses.Name)]
public class RunThenExportTests
{
    private const string Job = """
        job: { name: run-then-export, timeout: 120 }
        parties: { guest: 9999, hosts: [10000] }
        components:
          - name: reader_0
            type: reader
            parameters: { table: { namespace: test, name: rows } }
            parties:
              9999:  { file: guest.csv, label_name: y }
              10000: { file: host.csv }
          - name: data_transform_0
            type: data_transform
            inputs: { data: reader_0.data }
        """;

    [Fact]
    public async Task A_model_from_an_earlier_run_exports_without_a_config_and_verifies_against_the_kept_ca()
    {
        var folder = Directory.CreateTempSubdirectory("concord-run-export-").FullName;
        try
        {
            await File.WriteAllTextAsync(Path.Combine(folder, "guest.csv"), "id,y,a\n1,0,0.5\n2,1,\n3,0,2.5\n");
            await File.WriteAllTextAsync(Path.Combine(folder, "host.csv"), "id,b\n1,7\n2,8\n3,\n");
            var jobFile = Path.Combine(folder, "job.yaml");
            await File.WriteAllTextAsync(jobFile, Job);
            var home = Path.Combine(folder, "home");

            // Two runs: the second must reuse the first one's CA, or the first run's model could no longer be verified.
            var first = await Concord("run", jobFile, "--home", home);
            // The report names a component's nested metrics rather than printing them whole.
            Assert.Contains("data_transform_0 at party 9999: data_transform: with --json also ", first.Stdout, StringComparison.Ordinal);
            Assert.DoesNotContain("{", first.Stdout.Split('\n').Single(l => l.StartsWith("data_transform_0 at party 9999", StringComparison.Ordinal)), StringComparison.Ordinal);
            var caAfterFirst = await File.ReadAllTextAsync(FederationCertificates.CaCertificate(StandaloneCertificates.Folder(home)));
            await Concord("run", jobFile, "--home", home);
            Assert.Equal(caAfterFirst, await File.ReadAllTextAsync(FederationCertificates.CaCertificate(StandaloneCertificates.Folder(home))));
            Assert.Empty(Directory.GetDirectories(home, "run-*"));

            var listed = await Concord("model", "list", "--home", home, "--party", "10000", "--json");
            var models = JsonDocument.Parse(listed.LastLine).RootElement.GetProperty("models").EnumerateArray()
                .Select(m => m.GetProperty("modelId").GetString()!).Distinct().ToList();
            Assert.Equal(2, models.Count);
            var exported = Path.Combine(folder, "transform.model.zip");
            await Concord("model", "export", models[0], "--home", home, "--party", "10000", "--out", exported);

            using var ca = CertificateFiles.LoadPublic(FederationCertificates.CaCertificate(StandaloneCertificates.Folder(home)));
            var read = ModelArchive.ReadFile(exported, new ModelTrust(ca, 10000));
            Assert.NotEmpty(read.Bytes);
            var foreign = await ConcordProcess.RunAsync(TimeSpan.FromMinutes(1), "model", "import", exported, "--home", home, "--party", "9999");
            Assert.Equal(1, foreign.ExitCode);
            Assert.Contains("is party 10000's, and this is party 9999's registry", foreign.Stderr, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task<ConcordProcess.Result> Concord(params string[] arguments)
    {
        var result = await ConcordProcess.RunAsync(TimeSpan.FromMinutes(3), arguments);
        Assert.True(result.ExitCode == 0, $"concord {string.Join(' ', arguments)}: exit {result.ExitCode}\n{result.Stdout}\n{result.Stderr}");
        return result;
    }
}
