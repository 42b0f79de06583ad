using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;
using Concord.Federation.Security;
using Concord.Flow.Store;
using FsCheck;
using FsCheck.Fluent;

namespace Concord.Flow.Tests.Store;

/// <summary>The issue's forgeries of a model export, each refused at import with one line naming the file and the fault.</summary>
public sealed class ModelArchiveTests : IDisposable
{
    private const int Guest = 9999;
    private const int Host = 10000;
    private const string Source = "model file m.model.zip";

    private readonly CertificateAuthority _ca = CertificateAuthority.Create("model-test", TimeSpan.FromDays(1));
    private readonly X509Certificate2 _guest;
    private readonly X509Certificate2 _host;

    public ModelArchiveTests()
    {
        var now = DateTimeOffset.UtcNow;
        _guest = _ca.IssueParty(Guest, now.AddMinutes(-5), now.AddDays(1));
        _host = _ca.IssueParty(Host, now.AddMinutes(-5), now.AddDays(1));
    }

    internal static StoredModel Model(int party = Guest, string modelId = "job-1_hetero_lr_0")
    {
        var bytes = Encoding.UTF8.GetBytes("""{"features":["x0","x1","x2"],"weights":[0.5,-1.25,2],"intercept":0.125}""");
        return new StoredModel(new ModelInfo(modelId, 3, "hetero_lr", party, "guest", "job-1", new JsonObject { ["iterations"] = 10 },
            bytes.Length, Convert.ToHexStringLower(SHA256.HashData(bytes)), new DateTimeOffset(2026, 12, 4, 17, 30, 15, 123, TimeSpan.Zero)), bytes);
    }

    private StoredModel Read(byte[] archive, int party = Guest, long? maxParameterBytes = null) =>
        ModelArchive.Read(new MemoryStream(archive), Source, new ModelTrust(_ca.Certificate, party)
        {
            MaxParameterBytes = maxParameterBytes ?? ModelTrust.DefaultMaxParameterBytes,
        });

    private void AssertRefused(byte[] archive, int party, params string[] mentions)
    {
        var ex = Assert.Throws<FlowStoreException>(() => Read(archive, party));
        Assert.Equal(FlowStoreError.CorruptFile, ex.Error);
        Assert.StartsWith($"{Source} cannot be imported: ", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', ex.Message);
        foreach (var mention in mentions)
        {
            Assert.Contains(mention, ex.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void An_export_holds_a_readable_manifest_and_parameters_and_reads_back_equal()
    {
        var model = Model();
        var archive = ModelArchive.Write(model, _guest);

        var members = ModelForgery.Unzip(archive);
        Assert.Equal(["manifest.json", "manifest.sig", "parameters.json", "signer.crt"], members.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(model.Bytes, members["parameters.json"]);
        var manifest = ModelForgery.Manifest(archive);
        var described = manifest["model"]!;
        Assert.Equal(("concord-model", 2, "job-1_hetero_lr_0", 3, "hetero_lr", Guest, "guest", "job-1", "2026-12-04T17:30:15.123+00:00"), (
            manifest["format"]!.GetValue<string>(), manifest["formatVersion"]!.GetValue<int>(), described["modelId"]!.GetValue<string>(),
            described["version"]!.GetValue<int>(), described["componentType"]!.GetValue<string>(), described["party"]!.GetValue<int>(),
            described["role"]!.GetValue<string>(), described["jobId"]!.GetValue<string>(), described["createdAt"]!.GetValue<string>()));
        Assert.Equal(model.Info.Sha256, manifest["files"]!["parameters.json"]!["sha256"]!.GetValue<string>());
        Assert.Equal(_guest.RawData, X509Certificate2.CreateFromPem(Encoding.ASCII.GetString(members["signer.crt"])).RawData);

        var read = Read(archive);
        Assert.True(model.Info.SameContent(read.Info));
        Assert.Equal(model.Bytes, read.Bytes);
    }

    [Fact]
    public void A_changed_weight_is_refused_whether_or_not_its_digests_were_recomputed()
    {
        var archive = ModelArchive.Write(Model(), _guest);
        static byte[] ChangeWeight(byte[] parameters) => Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(parameters).Replace("0.5,", "0.6,", StringComparison.Ordinal));

        AssertRefused(ModelForgery.Forge(archive, ChangeWeight), Guest, "the signature does not match", "party 9999");

        var members = ModelForgery.Unzip(archive);
        members["parameters.json"] = ChangeWeight(members["parameters.json"]);
        AssertRefused(ModelForgery.Zip(members), Guest, "parameters.json does not match the size and SHA-256 that manifest.json records");
    }

    [Fact]
    public void A_model_of_another_party_is_refused_whoever_signed_it()
    {
        var guestModel = ModelArchive.Write(Model(), _guest);

        AssertRefused(guestModel, Host, "model job-1_hetero_lr_0 is party 9999's, and this is party 10000's registry");
        // The host relabels its own model as the guest's and signs it with its own key.
        var relabelled = ModelForgery.Forge(ModelArchive.Write(Model(Host), _host), manifest: m => m["model"]!["party"] = Guest, signer: _host);
        AssertRefused(relabelled, Guest, "its manifest names party 9999, but party 10000 signed it");
        var wrongSigner = Assert.Throws<ArgumentException>(() => ModelArchive.Write(Model(), _host));
        Assert.Contains("party 9999's, so party 10000's certificate cannot sign", wrongSigner.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_model_signed_under_another_CA_or_by_the_operator_is_refused()
    {
        using var foreignCa = CertificateAuthority.Create("elsewhere", TimeSpan.FromDays(1));
        var now = DateTimeOffset.UtcNow;
        using var foreignGuest = foreignCa.IssueParty(Guest, now.AddMinutes(-5), now.AddDays(1));
        using var operatorCertificate = _ca.IssueOperator(now.AddMinutes(-5), now.AddDays(1));
        var foreign = ModelArchive.Write(Model(), foreignGuest);

        AssertRefused(foreign, Guest, "the signer is not trusted", "is not signed by this federation's CA");
        // The foreign signature presented with the genuine guest certificate.
        var members = ModelForgery.Unzip(foreign);
        members["signer.crt"] = Encoding.ASCII.GetBytes(_guest.ExportCertificatePem());
        AssertRefused(ModelForgery.Zip(members), Guest, "the signature does not match");
        AssertRefused(ModelForgery.Forge(foreign, signer: operatorCertificate), Guest, "names no party");
    }

    [Fact]
    public void A_model_id_that_climbs_out_of_its_folder_is_refused_even_when_properly_signed()
    {
        var archive = ModelForgery.Forge(ModelArchive.Write(Model(), _guest), manifest: m => m["model"]!["modelId"] = "../../etc/passwd", signer: _guest);

        AssertRefused(archive, Guest, "model id \"../../etc/passwd\" may use only letters, digits, '_' and '-'");
    }

    [Fact]
    public void A_truncated_archive_is_refused_at_every_length()
    {
        var archive = ModelArchive.Write(Model(), _guest);

        for (var length = 0; length < archive.Length; length++)
        {
            AssertRefused(archive[..length], Guest);
        }
    }

    [Fact]
    public void A_corrupted_byte_anywhere_is_refused_or_changes_nothing_that_is_read()
    {
        var model = Model();
        var archive = ModelArchive.Write(model, _guest);

        Prop.ForAll(Gen.Choose(0, archive.Length - 1).ToArbitrary(), Gen.Choose(1, 255).ToArbitrary(), (position, mask) =>
        {
            var damaged = (byte[])archive.Clone();
            damaged[position] ^= (byte)mask;
            try
            {
                var read = Read(damaged);
                // Only bytes no check covers (a timestamp in a zip header, say) may change without a refusal.
                return model.Info.SameContent(read.Info) && model.Bytes.AsSpan().SequenceEqual(read.Bytes);
            }
            catch (FlowStoreException ex)
            {
                return ex.Error == FlowStoreError.CorruptFile && ex.Message.StartsWith($"{Source} cannot be imported: ", StringComparison.Ordinal) && !ex.Message.Contains('\n');
            }
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void An_older_foreign_or_padded_file_is_refused_saying_what_it_is()
    {
        var archive = ModelArchive.Write(Model(), _guest);

        AssertRefused("""{"format":"concord-model","formatVersion":1,"sha256":"00","model":{}}"""u8.ToArray(), Guest, "version 1 export", "export the model again");
        AssertRefused([], Guest, "the file is empty");
        AssertRefused("id,y,x0\n1,0,0.5\n"u8.ToArray(), Guest, "not a complete zip archive");
        AssertRefused(ModelForgery.Forge(archive, manifest: m => m["formatVersion"] = 3, signer: _guest), Guest, "format version 3, but this Concord reads version 2");
        AssertRefused(ModelForgery.Forge(archive, manifest: m => m["model"]!.AsObject().Remove("party"), signer: _guest), Guest, "manifest.json is not a valid manifest");
        AssertRefused(ModelForgery.Forge(archive, signer: _guest, manifestText: t => t.Replace("\"party\":9999", "\"party\":10000,\"party\":9999", StringComparison.Ordinal)),
            Guest, "manifest.json is not a valid manifest", "party");
        AssertRefused(ModelForgery.Zip([.. ModelForgery.Unzip(archive), new("run.sh", "rm -rf /"u8.ToArray())]), Guest, "\"run.sh\", which is not part of a model export");
        AssertRefused(ModelForgery.Zip(ModelForgery.Unzip(archive).Where(m => m.Key != "manifest.sig")), Guest, "the archive has no manifest.sig");
        var bomb = Assert.Throws<FlowStoreException>(() => Read(archive, maxParameterBytes: 10));
        Assert.Contains($"parameters.json is {Model().Bytes.Length} bytes, over the limit of 10", bomb.Message, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        _guest.Dispose();
        _host.Dispose();
        _ca.Dispose();
    }
}
