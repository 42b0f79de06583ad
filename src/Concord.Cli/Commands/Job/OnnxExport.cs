using System.IO.Compression;
using System.Text.Json;
using Concord.Flow.Components.Homo;
using Concord.Flow.Store;

namespace Concord.Cli.Commands.Job;

/// <summary>
/// <c>concord model export --format onnx</c>: a horizontal model (homo_lr, homo_nn) as a standalone ONNX model that a
/// client runs without Concord. It is made from the party's signed export, so that it leaves the registry as every
/// export does, recorded in the party's audit trail.
/// </summary>
internal static class OnnxExport
{
    private static readonly string[] Horizontal = ["homo_lr", "homo_nn"];

    /// <summary>The ONNX model of the one model in <paramref name="archive"/>, an export the party's own registry just made.</summary>
    public static byte[] FromArchive(byte[] archive, string modelId)
    {
        using var zip = new ZipArchive(new MemoryStream(archive), ZipArchiveMode.Read);
        var type = JsonDocument.Parse(Read(zip, ModelArchive.ManifestName)).RootElement.GetProperty("model").GetProperty("componentType").GetString();
        if (!Horizontal.Contains(type))
        {
            throw new ArgumentException(
                $"model {modelId} is a {type} model; --format onnx exports horizontal models (homo_lr, homo_nn), which a client runs alone, and a vertical model's shares predict only together");
        }
        var what = $"model {modelId}";
        return HomoModelFile.FromBytes(Read(zip, ModelArchive.JsonParameters), what).ToOnnx(what);
    }

    private static byte[] Read(ZipArchive zip, string member)
    {
        var entry = zip.GetEntry(member) ?? throw new InvalidDataException($"the export holds no {member}");
        using var stream = entry.Open();
        using var bytes = new MemoryStream();
        stream.CopyTo(bytes);
        return bytes.ToArray();
    }
}
