using System.IO.Compression;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;
using Concord.Flow.Store;

namespace Concord.Flow.Tests.Store;

/// <summary>What an attacker holding an export can do to it: unpack it, change members, recompute digests, re-sign with a key it has, pack it again.</summary>
internal static class ModelForgery
{
    public static Dictionary<string, byte[]> Unzip(byte[] archive)
    {
        using var zip = new ZipArchive(new MemoryStream(archive), ZipArchiveMode.Read);
        return zip.Entries.ToDictionary(e => e.FullName, e =>
        {
            using var stream = e.Open();
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            return buffer.ToArray();
        });
    }

    public static byte[] Zip(IEnumerable<KeyValuePair<string, byte[]>> members)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, content) in members)
            {
                using var stream = zip.CreateEntry(name).Open();
                stream.Write(content);
            }
        }
        return buffer.ToArray();
    }

    public static JsonObject Manifest(byte[] archive) => JsonNode.Parse(Unzip(archive)[ModelArchive.ManifestName])!.AsObject();

    /// <summary>
    /// The archive with its parameters replaced (and the manifest's digests of them recomputed), its manifest edited,
    /// its text rewritten (<paramref name="manifestText"/>, for what JSON objects cannot hold), and, when <paramref name="signer"/> is given, signed again with that key and carrying that certificate.
    /// </summary>
    public static byte[] Forge(byte[] archive, Func<byte[], byte[]>? parameters = null, Action<JsonObject>? manifest = null, X509Certificate2? signer = null,
        Func<string, string>? manifestText = null)
    {
        var members = Unzip(archive);
        var edited = JsonNode.Parse(members[ModelArchive.ManifestName])!.AsObject();
        if (parameters is not null)
        {
            var name = members.Keys.Single(k => k.StartsWith("parameters.", StringComparison.Ordinal));
            members[name] = parameters(members[name]);
            var (size, sha256) = (members[name].Length, Convert.ToHexStringLower(SHA256.HashData(members[name])));
            edited["files"]![name] = new JsonObject { ["size"] = size, ["sha256"] = sha256 };
            (edited["model"]!["size"], edited["model"]!["sha256"]) = (size, sha256);
        }
        manifest?.Invoke(edited);
        members[ModelArchive.ManifestName] = Encoding.UTF8.GetBytes(manifestText is null ? edited.ToJsonString() : manifestText(edited.ToJsonString()));
        if (signer is not null)
        {
            // Signed directly with the key, as an attacker would, not through PartySignature's own checks.
            using var key = signer.GetECDsaPrivateKey()!;
            members[ModelArchive.SignatureName] = key.SignData(members[ModelArchive.ManifestName], HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
            members[ModelArchive.SignerName] = Encoding.ASCII.GetBytes(signer.ExportCertificatePem());
        }
        return Zip(members);
    }
}
