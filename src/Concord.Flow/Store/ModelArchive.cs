using System.IO.Compression;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using Concord.Federation;
using Concord.Federation.Security;

namespace Concord.Flow.Store;

/// <summary>
/// A model export (docs/model-format.md): a zip holding manifest.json, the party's model parameters as they are
/// stored (parameters.json for every built-in component), manifest.sig (the exporting party's signature over the
/// manifest, which carries every file's SHA-256) and signer.crt (that party's federation certificate).
/// </summary>
public static class ModelArchive
{
    public const string Format = "concord-model";
    public const int FormatVersion = 2;
    public const string MediaType = "application/zip";
    public const string FileExtension = ".model.zip";
    public const string ManifestName = "manifest.json";
    public const string SignatureName = "manifest.sig";
    public const string SignerName = "signer.crt";
    public const string JsonParameters = "parameters.json";
    public const string BinaryParameters = "parameters.bin";

    /// <summary>The limit on each member other than the parameters: manifest, signature, certificate.</summary>
    public const long MaxSmallMemberBytes = 1 << 20;

    private static readonly string[] ParameterNames = [JsonParameters, BinaryParameters];
    private static readonly string[] SignedMembers = [ManifestName, SignatureName, SignerName];

    /// <summary>The export of one version of a model (the latest when <paramref name="version"/> is null) from a party's registry.</summary>
    public static async Task<(ModelInfo Info, byte[] Archive)> ExportAsync(IFlowStore store, string modelId, int? version, X509Certificate2 signer, CancellationToken ct)
    {
        var model = await store.GetModelAsync(modelId, version, ct).ConfigureAwait(false)
            ?? throw new FlowStoreException(FlowStoreError.NotFound,
                $"{(version is null ? $"model {modelId}" : $"model {modelId} version {version}")} is not in party {PartyIdentity.PartyIdOf(signer)}'s registry");
        return (model.Info, Write(model, signer));
    }

    /// <summary>The name an export is offered under: model id and version, so that two versions never overwrite each other.</summary>
    public static string FileName(ModelInfo info) => $"{info.ModelId}-v{info.Version}{FileExtension}";

    /// <summary>The export of <paramref name="model"/>, signed with <paramref name="signer"/>, which must be its party's certificate.</summary>
    public static byte[] Write(StoredModel model, X509Certificate2 signer)
    {
        var info = model.Info;
        if (PartyIdentity.PartyIdOf(signer) is int party && party != info.Party)
        {
            throw new ArgumentException($"{info} is party {info.Party}'s, so party {party}'s certificate cannot sign its export");
        }
        var parameters = IsJson(model.Bytes) ? JsonParameters : BinaryParameters;
        var manifest = ModelManifest.Of(info, parameters).ToBytes();
        var signature = PartySignature.Sign(signer, manifest);
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            Add(zip, ManifestName, manifest, info.CreatedAt);
            Add(zip, parameters, model.Bytes, info.CreatedAt);
            Add(zip, SignatureName, signature, info.CreatedAt);
            Add(zip, SignerName, Encoding.ASCII.GetBytes(signer.ExportCertificatePem() + "\n"), info.CreatedAt);
        }
        return buffer.ToArray();
    }

    /// <summary>Reads and verifies an export; <paramref name="source"/> names it in errors (e.g. "model file m.zip").</summary>
    /// <exception cref="FlowStoreException">
    /// <see cref="FlowStoreError.CorruptFile"/>: the archive is damaged, not signed by a party of this federation,
    /// signed by a party other than the model's, or for a party other than <paramref name="trust"/>'s; the message
    /// names <paramref name="source"/> and what is wrong, in one line.
    /// </exception>
    public static StoredModel Read(Stream archive, string source, ModelTrust trust)
    {
        try
        {
            RefuseOlderFormat(archive);
            ZipArchive zip;
            try
            {
                zip = new ZipArchive(archive, ZipArchiveMode.Read, leaveOpen: true);
            }
            catch (InvalidDataException ex)
            {
                throw new InvalidDataException($"it is not a complete zip archive ({ex.Message})", ex);
            }
            using (zip)
            {
                return ReadVerified(Members(zip), trust);
            }
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException or FederationException or ArgumentException or CryptographicException)
        {
            throw new FlowStoreException(FlowStoreError.CorruptFile, $"{source} cannot be imported: {OneLine(ex.Message)}", ex);
        }
    }

    /// <summary>Reads an export file; a missing file is <see cref="FlowStoreError.NotFound"/>.</summary>
    public static StoredModel ReadFile(string path, ModelTrust trust)
    {
        FileStream file;
        try
        {
            file = File.OpenRead(path);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new FlowStoreException(FlowStoreError.NotFound, $"model file {path} does not exist", ex);
        }
        using (file)
        {
            return Read(file, $"model file {path}", trust);
        }
    }

    private static StoredModel ReadVerified(Dictionary<string, ZipArchiveEntry> members, ModelTrust trust)
    {
        if (SignedMembers.FirstOrDefault(m => !members.ContainsKey(m)) is string missing)
        {
            throw new InvalidDataException($"the archive has no {missing}");
        }
        X509Certificate2 signer;
        try
        {
            signer = X509Certificate2.CreateFromPem(Encoding.ASCII.GetString(ReadMember(members[SignerName], MaxSmallMemberBytes)));
        }
        catch (CryptographicException ex)
        {
            throw new InvalidDataException($"{SignerName} is not a PEM certificate ({ex.Message})", ex);
        }
        using (signer)
        {
            var manifestBytes = ReadMember(members[ManifestName], MaxSmallMemberBytes);
            var signerParty = PartySignature.Verify(manifestBytes, ReadMember(members[SignatureName], MaxSmallMemberBytes), signer, trust.FederationCa);
            var manifest = ModelManifest.Parse(manifestBytes);
            var info = manifest.Model;
            if (info.Party != signerParty)
            {
                throw new InvalidDataException($"its manifest names party {info.Party}, but party {signerParty} signed it");
            }
            if (info.Party != trust.PartyId)
            {
                throw new InvalidDataException($"model {info.ModelId} is party {info.Party}'s, and this is party {trust.PartyId}'s registry");
            }
            var model = new StoredModel(info, ReadParameters(members, manifest, trust.MaxParameterBytes));
            model.Validate();
            return model;
        }
    }

    /// <summary>The one parameters file the manifest lists, checked against its size and digest; no member may go unlisted.</summary>
    private static byte[] ReadParameters(Dictionary<string, ZipArchiveEntry> members, ModelManifest manifest, long limit)
    {
        if (manifest.Files.Count != 1 || !ParameterNames.Contains(manifest.Files.Keys.Single()))
        {
            throw new InvalidDataException($"{ManifestName} must list exactly one file, {JsonParameters} or {BinaryParameters}, not [{string.Join(", ", manifest.Files.Keys)}]");
        }
        var (name, expected) = manifest.Files.Single();
        if (members.Keys.Except(SignedMembers).FirstOrDefault(m => m != name) is string unlisted)
        {
            throw new InvalidDataException($"the archive holds {unlisted}, which {ManifestName} does not list");
        }
        if (!members.TryGetValue(name, out var entry))
        {
            throw new InvalidDataException($"the archive has no {name}, which {ManifestName} lists");
        }
        if (expected.Size > limit)
        {
            throw new InvalidDataException($"{name} is {expected.Size} bytes, over the limit of {limit}");
        }
        var bytes = ReadMember(entry, limit);
        if (bytes.Length != expected.Size || Hex(SHA256.HashData(bytes)) != expected.Sha256)
        {
            throw new InvalidDataException($"{name} does not match the size and SHA-256 that {ManifestName} records for it");
        }
        return bytes;
    }

    private static Dictionary<string, ZipArchiveEntry> Members(ZipArchive zip)
    {
        var members = new Dictionary<string, ZipArchiveEntry>(StringComparer.Ordinal);
        foreach (var entry in zip.Entries)
        {
            if (!SignedMembers.Contains(entry.FullName) && !ParameterNames.Contains(entry.FullName))
            {
                throw new InvalidDataException($"the archive holds {Quoted(entry.FullName)}, which is not part of a model export");
            }
            if (!members.TryAdd(entry.FullName, entry))
            {
                throw new InvalidDataException($"the archive holds {entry.FullName} twice");
            }
        }
        return members;
    }

    /// <summary>A member's bytes, refusing before unpacking one whose declared size is over the limit, and one that unpacks to other than its declared size.</summary>
    private static byte[] ReadMember(ZipArchiveEntry entry, long limit)
    {
        if (entry.Length > limit)
        {
            throw new InvalidDataException($"{entry.FullName} is {entry.Length} bytes, over the limit of {limit}");
        }
        var bytes = new byte[entry.Length];
        using var stream = entry.Open();
        stream.ReadExactly(bytes);
        return stream.ReadByte() == -1 ? bytes : throw new InvalidDataException($"{entry.FullName} unpacks to more than the {entry.Length} bytes its header declares");
    }

    /// <summary>Version 1 exports were one JSON file with the model in base64 and no signature.</summary>
    private static void RefuseOlderFormat(Stream archive)
    {
        var start = archive.Position;
        var first = archive.ReadByte();
        archive.Position = start;
        if (first == -1)
        {
            throw new InvalidDataException("the file is empty");
        }
        if (first == '{')
        {
            throw new InvalidDataException($"it is a version 1 export (one JSON file, unsigned), which this Concord no longer imports; export the model again from its party's registry to get a signed version {FormatVersion} archive");
        }
    }

    private static void Add(ZipArchive zip, string name, byte[] content, DateTimeOffset time)
    {
        var entry = zip.CreateEntry(name, CompressionLevel.Optimal);
        entry.LastWriteTime = time;
        using var stream = entry.Open();
        stream.Write(content);
    }

    private static bool IsJson(byte[] bytes)
    {
        try
        {
            using var _ = JsonDocument.Parse(bytes);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    internal static string Hex(byte[] hash) => Convert.ToHexStringLower(hash);

    private static string Quoted(string name) => JsonSerializer.Serialize(name.Length > 80 ? name[..80] + "…" : name);

    private static string OneLine(string message) => message.ReplaceLineEndings(" ");
}
