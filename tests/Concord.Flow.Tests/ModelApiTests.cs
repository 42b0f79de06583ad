using Concord.Federation;
using Concord.Flow.Store;
using Concord.Flow.Tests.Store;

namespace Concord.Flow.Tests;

/// <summary>The model registry through the operator API: a signed export round trips, and the node refuses forgeries with 400.</summary>
public class ModelApiTests
{
    private const int Guest = 9999;
    private const int Host = 10000;

    [Fact]
    public async Task A_signed_model_imports_and_exports_through_the_api_and_a_forged_or_foreign_one_is_refused()
    {
        await using var nodes = await LoopbackNodes.StartAsync(ScaleComponent.Catalog, Guest, Host);
        using var guest = nodes.Operator(Guest);
        using var host = nodes.Operator(Host);
        using var signer = nodes.PartyCertificate(Guest);
        var model = ModelArchiveTests.Model(Guest);
        var archive = ModelArchive.Write(model, signer);

        var imported = await guest.ImportModelAsync(archive, CancellationToken.None);
        Assert.True(model.Info.SameContent(imported));
        Assert.True(model.Info.SameContent((await guest.ListModelsAsync(CancellationToken.None)).Single()));
        Assert.Equal(model.Bytes, await nodes.ExportedModelAsync(guest, model.Info.ModelId));
        // Importing the same model again is harmless.
        Assert.True(model.Info.SameContent(await guest.ImportModelAsync(archive, CancellationToken.None)));

        var forged = ModelForgery.Forge(archive, parameters => [.. parameters.Select(b => b == (byte)'5' ? (byte)'6' : b)]);
        var refusedForgery = await Assert.ThrowsAsync<FederationException>(() => guest.ImportModelAsync(forged, CancellationToken.None));
        Assert.Contains("(400): the uploaded model cannot be imported: the signature does not match", refusedForgery.Message, StringComparison.Ordinal);
        var refusedParty = await Assert.ThrowsAsync<FederationException>(() => host.ImportModelAsync(archive, CancellationToken.None));
        Assert.Contains("(400): the uploaded model cannot be imported: model job-1_hetero_lr_0 is party 9999's, and this is party 10000's registry", refusedParty.Message, StringComparison.Ordinal);
        Assert.Empty(await host.ListModelsAsync(CancellationToken.None));

        var missing = await Assert.ThrowsAsync<FederationException>(() => guest.ExportModelAsync("job-1_nothing", 2, CancellationToken.None));
        Assert.Contains("(404): model job-1_nothing version 2 is not in party 9999's registry", missing.Message, StringComparison.Ordinal);
    }
}
