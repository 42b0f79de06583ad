using System.IO.Compression;
using Concord.Cli.Tests;
using Concord.Data.Tests;
using Concord.Federation.Security;
using Concord.Flow.Tests;
using ModelArchive = Concord.Flow.Store.ModelArchive;
using OperatorToken = Concord.Flow.Api.OperatorToken;

namespace Concord.Clients.Tests;

/// <summary>
/// examples/clients/python/concord_job.py, standard library only, runs a federated job on a live node: submit, poll,
/// metrics, model export. It checks the node's certificate against the federation CA and its party id.
/// </summary>
public class PythonClientTests
{
    private static readonly string Script = Path.Combine(ExampleData.Repository, "examples", "clients", "python", "concord_job.py");

    [PythonFact]
    public Task The_python_example_submits_polls_prints_metrics_and_exports_the_model() =>
        RunJobAsync(nodes => ["--token-file", OperatorToken.PathIn(nodes.Config.Party(SmallJob.Guest).Home!)]);

    [PythonFact]
    public Task The_python_example_authenticates_with_the_operator_certificate_instead_of_a_token() =>
        RunJobAsync(nodes => ["--cert", FederationCertificates.OperatorCertificate(nodes.CertFolder), "--key", FederationCertificates.OperatorKey(nodes.CertFolder)]);

    /// <summary>Runs the small job through the script, authenticated by the given arguments, and checks what it did.</summary>
    private static async Task RunJobAsync(Func<LoopbackNodes, string[]> credentials)
    {
        await using var nodes = await LoopbackNodes.StartAsync(SmallJob.Catalog, SmallJob.Guest, [SmallJob.Host], SmallJob.Arbiter);
        SmallJob.SaveTables(nodes);
        var work = Directory.CreateTempSubdirectory("concord-python-client-");
        try
        {
            var jobFile = Path.Combine(work.FullName, "job.yaml");
            await File.WriteAllTextAsync(jobFile, SmallJob.Text);
            var export = Path.Combine(work.FullName, "model.zip");
            var guest = nodes.Config.Party(SmallJob.Guest);

            var (exit, output, errors) = await RunAsync([
                "--node", guest.Address.ToString(), "--party", $"{SmallJob.Guest}", "--ca", nodes.Config.CaCertificate,
                .. credentials(nodes), "--job", jobFile, "--model", SmallJob.Model, "--out", export, "--poll", "0.2"]);

            Assert.True(exit == 0, $"concord_job.py exited {exit}: {errors}");
            Assert.Matches(@"^job-\S+: success$", output.Split('\n')[1]);
            Assert.Contains($"metric {SmallJob.Model} party {SmallJob.Guest} ", output, StringComparison.Ordinal);
            using var zip = ZipFile.OpenRead(export);
            Assert.NotNull(zip.GetEntry(ModelArchive.ManifestName));
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    [PythonFact]
    public async Task The_python_example_refuses_a_node_that_is_not_the_party_named()
    {
        await using var nodes = await LoopbackNodes.StartAsync(SmallJob.Catalog, SmallJob.Guest);
        var guest = nodes.Config.Party(SmallJob.Guest);

        var (exit, _, errors) = await RunAsync(
            "--node", guest.Address.ToString(), "--party", "10000", "--ca", nodes.Config.CaCertificate,
            "--token-file", OperatorToken.PathIn(guest.Home!), "--job", Script, "--model", SmallJob.Model, "--out", "unused.zip");

        Assert.Equal(1, exit);
        Assert.StartsWith("error: ", errors, StringComparison.Ordinal);
        Assert.Contains("is not party 10000's node", errors, StringComparison.Ordinal);
        Assert.Single(errors.TrimEnd().Split('\n'));
    }

    /// <summary>Runs the script with -B, so it leaves no bytecode cache in the clone; the job's own timeout bounds its polling.</summary>
    private static async Task<(int Exit, string Output, string Errors)> RunAsync(params string[] arguments)
    {
        var result = await ConcordProcess.RunProgramAsync(Python.Executable!, null, TimeSpan.FromMinutes(5), ["-B", Script, .. arguments]);
        return (result.ExitCode, result.Stdout, result.Stderr);
    }
}
