using System.Security.Cryptography;
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
    public async Task An_imported_model_keeps_its_id_and_version_and_numbering_continues_past_it()
    {
        var source = await NewStoreAsync();
        foreach (var seed in new[] { 1, 2, 3 })
        {
            await source.SaveModelAsync(Model("lr", seed, size: 200_000));
        }
        var latest = (await source.GetModelAsync("lr"))!;
        var second = (await source.GetModelAsync("lr", 2))!;

        var target = await NewStoreAsync();
        var imported = await target.ImportModelAsync(latest, "model file lr-3.model.zip");
        Assert.True(latest.Info.SameContent(imported));
        var stored = await target.GetModelAsync("lr", 3);
        AssertModel(Model("lr", 3, size: 200_000), 3, stored);
        Assert.True(latest.Info.SameContent(stored!.Info));
        Assert.True(second.Info.SameContent(await target.ImportModelAsync(second, "model file lr-2.model.zip")));

        Assert.True(imported.SameContent(await target.ImportModelAsync(latest, "model file lr-3.model.zip")));
        Assert.Equal([2, 3], (await target.ListModelsAsync("lr")).Select(m => m.Version));
        Assert.Equal(4, (await target.SaveModelAsync(Model("lr", 9))).Version);
    }

    [StoreFact]
    public async Task An_import_over_a_different_model_of_the_same_version_is_refused_naming_the_file()
    {
        var source = await NewStoreAsync();
        await source.SaveModelAsync(Model("lr", 1));
        var model = (await source.GetModelAsync("lr"))!;

        var target = await NewStoreAsync();
        await target.SaveModelAsync(Model("lr", 2));
        await AssertFails(FlowStoreError.AlreadyExists, target, () => target.ImportModelAsync(model, "model file lr.model.zip"), "model file lr.model.zip", "model lr version 1");
        AssertModel(Model("lr", 2), 1, await target.GetModelAsync("lr"));
    }

    [StoreFact]
    public async Task A_model_id_that_could_climb_out_of_a_folder_or_bytes_unlike_their_record_are_refused_and_nothing_is_stored()
    {
        var store = await NewStoreAsync();
        var traversal = await Assert.ThrowsAsync<ArgumentException>(() => store.SaveModelAsync(Model("../../etc/passwd", 1)));
        Assert.Contains("model id \"../../etc/passwd\" may use only letters, digits, '_' and '-'", traversal.Message, StringComparison.Ordinal);

        var source = await NewStoreAsync();
        await source.SaveModelAsync(Model("lr", 1));
        var good = (await source.GetModelAsync("lr"))!;
        var refused = new Dictionary<string, StoredModel>
        {
            ["model id"] = good with { Info = good.Info with { ModelId = "../../etc/passwd" } },
            ["SHA-256"] = good with { Bytes = [.. good.Bytes.Take(good.Bytes.Length - 1), (byte)(good.Bytes[^1] ^ 1)] },
            ["size"] = good with { Info = good.Info with { Size = good.Info.Size + 1 } },
            ["version"] = good with { Info = good.Info with { Version = 0 } },
        };
        foreach (var (mention, model) in refused)
        {
            var ex = await Assert.ThrowsAnyAsync<ArgumentException>(() => store.ImportModelAsync(model, "model file x.model.zip"));
            Assert.Contains(mention, ex.Message, StringComparison.Ordinal);
        }
        Assert.Empty(await store.ListModelsAsync());
    }
}
