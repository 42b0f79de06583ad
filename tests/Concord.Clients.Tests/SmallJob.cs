using Concord.Flow.Components;
using Concord.Flow.Tests;
using DataTableName = Concord.Data.TableName;
using PartyTable = Concord.Data.PartyTable;
using TableStore = Concord.Data.TableStore;

namespace Concord.Clients.Tests;

/// <summary>The job every client test drives: a three-iteration HeteroLR on 60 customers split between two parties.</summary>
internal static class SmallJob
{
    public const int Guest = 9999;
    public const int Host = 10000;
    public const int Arbiter = 10002;
    public const string Model = "model_0";

    public static ComponentCatalog Catalog { get; } = new([new ReaderComponent(), .. HeteroLinearComponent.All]);

    public const string Text = """
        job: { name: client-test, timeout: 120, seed: 3 }
        parties: { guest: 9999, hosts: [10000], arbiter: 10002 }
        components:
          - name: reader_0
            type: reader
            parameters: { table: { namespace: test, name: train } }
          - name: model_0
            type: hetero_lr
            inputs: { train_data: reader_0.data }
            parameters: { max_iter: 3, optimizer: sgd, learning_rate: 0.2, key_bits: 1024 }
        """;

    /// <summary>The guest holds two features and the label, the host three features.</summary>
    public static void SaveTables(LoopbackNodes nodes)
    {
        var random = new Random(5);
        var ids = Enumerable.Range(0, 60).Select(i => $"u{i:D3}").ToArray();
        double[] Column() => [.. ids.Select(_ => (random.NextDouble() * 4) + 10)];
        double[][] guest = [Column(), Column()], host = [Column(), Column(), Column()];
        var labels = ids.Select((_, i) => guest[0][i] + host[1][i] > 24 ? 1.0 : 0.0).ToArray();
        TableStore.Open(nodes.Config.Party(Guest).Home!).Save(new DataTableName("test", "train"), PartyTable.Create("id", ids, ["g0", "g1"], guest, "y", labels));
        TableStore.Open(nodes.Config.Party(Host).Home!).Save(new DataTableName("test", "train"), PartyTable.Create("id", ids, ["h0", "h1", "h2"], host));
    }
}
