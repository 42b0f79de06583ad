using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Concord.Flow.Store;

namespace Concord.Flow.Tests.Store;

public abstract partial class FlowStoreContract
{
    private static NewModel Model(string modelId, int seed, int size = 1000) => new(
        modelId, "hetero_lr", 9999, "guest", $"job-{seed}",
        new JsonObject { ["features"] = new JsonArray("x0", "x1", "x2"), ["iterations"] = seed, ["penalty"] = "l2" },
        RandomBytes(seed, size));

    private static byte[] RandomBytes(int seed, int size)
    {
        var bytes = new byte[size];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    private static void AssertModel(NewModel expected, int version, StoredModel? actual)
    {
        Assert.NotNull(actual);
        var info = actual.Info;
        Assert.Equal((expected.ModelId, version, expected.ComponentType, expected.Party, expected.Role, expected.JobId),
            (info.ModelId, info.Version, info.ComponentType, info.Party, info.Role, info.JobId));
        Assert.True(JsonNode.DeepEquals(expected.Metadata, info.Metadata));
        Assert.Equal(expected.Bytes, actual.Bytes);
        Assert.Equal((long)expected.Bytes.Length, info.Size);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(expected.Bytes)), info.Sha256);
    }

    [StoreFact]
    public async Task Saving_a_model_again_gives_it_the_next_version_and_the_latest_is_the_default()
    {
        var store = await NewStoreAsync();
        var before = DateTimeOffset.UtcNow;
        var saved = new List<ModelInfo>();
        foreach (var seed in new[] { 1, 2, 3 })
        {
            saved.Add(await store.SaveModelAsync(Model("lr", seed)));
        }
        var other = await store.SaveModelAsync(Model("sbt", 4, size: 0));
        Assert.Equal([1, 2, 3], saved.Select(s => s.Version));
        Assert.Equal(1, other.Version);
        AssertStamped(before, saved[0].CreatedAt, DateTimeOffset.UtcNow);

        AssertModel(Model("lr", 3), 3, await store.GetModelAsync("lr"));
        AssertModel(Model("lr", 2), 2, await store.GetModelAsync("lr", 2));
        AssertModel(Model("sbt", 4, size: 0), 1, await store.GetModelAsync("sbt"));
        Assert.True(saved[1].SameContent((await store.GetModelAsync("lr", 2))!.Info));
        Assert.Null(await store.GetModelAsync("lr", 4));
        Assert.Null(await store.GetModelAsync("nn"));

        Assert.Equal([("lr", 1), ("lr", 2), ("lr", 3), ("sbt", 1)], (await store.ListModelsAsync()).Select(m => (m.ModelId, m.Version)));
        Assert.Equal([1, 2, 3], (await store.ListModelsAsync("lr")).Select(m => m.Version));
        Assert.Empty(await store.ListModelsAsync("nn"));
    }

    [StoreFact]
    public async Task An_exported_model_imports_into_a_second_store_equal_and_numbering_continues_past_it()
    {
        using var folder = new TempFolder();
        var source = await NewStoreAsync();
        foreach (var seed in new[] { 1, 2, 3 })
        {
            await source.SaveModelAsync(Model("lr", seed, size: 200_000));
        }
        var file = folder.Path("lr-3.json");
        var exported = await source.ExportModelAsync("lr", null, file);
        Assert.Equal(3, exported.Version);
        var exportedTwo = await source.ExportModelAsync("lr", 2, folder.Path("lr-2.json"));

        var target = await NewStoreAsync();
        var imported = await target.ImportModelAsync(file);
        Assert.True(exported.SameContent(imported));
        var stored = await target.GetModelAsync("lr", 3);
        AssertModel(Model("lr", 3, size: 200_000), 3, stored);
        Assert.True(exported.SameContent(stored!.Info));
        Assert.True(exportedTwo.SameContent(await target.ImportModelAsync(folder.Path("lr-2.json"))));

        Assert.True(imported.SameContent(await target.ImportModelAsync(file)));
        Assert.Equal([2, 3], (await target.ListModelsAsync("lr")).Select(m => m.Version));
        Assert.Equal(4, (await target.SaveModelAsync(Model("lr", 9))).Version);
    }

    [StoreFact]
    public async Task An_import_over_a_different_model_of_the_same_version_is_refused_naming_the_file()
    {
        using var folder = new TempFolder();
        var source = await NewStoreAsync();
        await source.SaveModelAsync(Model("lr", 1));
        var file = folder.Path("lr.json");
        await source.ExportModelAsync("lr", 1, file);

        var target = await NewStoreAsync();
        await target.SaveModelAsync(Model("lr", 2));
        await AssertFails(FlowStoreError.AlreadyExists, target, () => target.ImportModelAsync(file), file, "model lr version 1");
        AssertModel(Model("lr", 2), 1, await target.GetModelAsync("lr"));
    }

    [StoreFact]
    public async Task A_damaged_or_foreign_model_file_is_refused_naming_the_file_and_nothing_is_imported()
    {
        using var folder = new TempFolder();
        var source = await NewStoreAsync();
        await source.SaveModelAsync(Model("lr", 1));
        var good = folder.Path("good.json");
        await source.ExportModelAsync("lr", 1, good);
        var text = await File.ReadAllTextAsync(good);
        var base64 = Convert.ToBase64String(Model("lr", 1).Bytes);
        Assert.Contains(base64, text, StringComparison.Ordinal);
        var flipped = base64[..100] + (base64[100] == 'A' ? 'B' : 'A') + base64[101..];

        var damaged = new Dictionary<string, string>
        {
            ["bytes.json"] = text.Replace(base64, flipped, StringComparison.Ordinal),
            ["party.json"] = text.Replace("\"party\":9999", "\"party\":9998", StringComparison.Ordinal),
            ["truncated.json"] = text[..(text.Length / 2)],
            ["foreign.json"] = """{"format": "onnx", "model": {}}""",
            ["empty.json"] = "",
        };
        Assert.NotEqual(text, damaged["party.json"]);
        var target = await NewStoreAsync();
        foreach (var (name, content) in damaged)
        {
            var path = folder.Path(name);
            await File.WriteAllTextAsync(path, content, Encoding.UTF8);
            await AssertFails(FlowStoreError.CorruptFile, target, () => target.ImportModelAsync(path), path);
        }
        Assert.Empty(await target.ListModelsAsync());
        Assert.Equal(1, (await target.ImportModelAsync(good)).Version);
    }

    [StoreFact]
    public async Task Exporting_a_missing_model_or_importing_a_missing_file_is_refused()
    {
        using var folder = new TempFolder();
        var store = await NewStoreAsync();
        await AssertFails(FlowStoreError.NotFound, store, () => store.ExportModelAsync("lr", null, folder.Path("lr.json")), "model lr");
        await store.SaveModelAsync(Model("lr", 1));
        await AssertFails(FlowStoreError.NotFound, store, () => store.ExportModelAsync("lr", 2, folder.Path("lr.json")), "model lr version 2");
        Assert.False(File.Exists(folder.Path("lr.json")));
        var missing = folder.Path("missing.json");
        var ex = await Assert.ThrowsAsync<FlowStoreException>(() => store.ImportModelAsync(missing));
        Assert.Equal(FlowStoreError.NotFound, ex.Error);
        Assert.Contains(missing, ex.Message, StringComparison.Ordinal);
    }
}
