using Concord.Crypto.Arithmetic;
using Concord.Crypto.Paillier;
using Concord.Crypto.Profiling;
using Concord.Crypto.Vector;
using Concord.Federation;
using Concord.Federation.Context;
using Concord.Federation.Parties;
using Concord.ML.HeteroLinear;
using static Concord.ML.FeatureBinning.FeatureBinningProtocol;

namespace Concord.ML.FeatureBinning;

/// <summary>
/// The guest's role in hetero feature binning, FATE's protocol:
/// 1. every party cuts its own columns into bins on its own data (quantile, bucket, or, at the guest, optimal);
/// 2. the guest computes WOE and IV of its own bins in plaintext;
/// 3. the guest Paillier-encrypts, per row, whether it is an event (binary: label 1; multi-class: one ciphertext per
///    class, one-vs-rest) and sends the ciphertexts to every host;
/// 4. each host multiplies the ciphertexts of each of its bins together, re-randomises the sums, and returns them
///    with its rows per bin; its columns are numbered, not named, and its cut points stay with it;
/// 5. the guest decrypts the events per bin, computes WOE and IV per anonymous host column and bin, and returns each
///    host the WOE and IV of its own columns, so that it can transform them to WOE.
/// </summary>
/// <remarks>
/// What each side learns (semi-honest): a host sees only fresh ciphertexts of the labels, then the WOE and IV of its
/// own bins. A WOE per bin with the bin's row count (which the host has) fixes the bin's event rate, so returning WOE
/// tells a host how many events each of its bins holds: an aggregate of labels it needs for a WOE transform, the
/// trade FATE makes too. The guest learns, per anonymous host bin, its rows and events: the row counts are the host's
/// own knowledge that FATE also sends (the guest needs them for non-event counts; sending Enc(non-events) instead
/// would double the host's work and the guest could still subtract), and a bin's rows and events are what WOE/IV is
/// made of. The guest never sees a host's column names, values or cut points.
/// </remarks>
public sealed class FeatureBinningGuest(FederationContext ctx, Action<string>? log = null)
{
    public async Task<BinningResult> RunAsync(BinningData data, FeatureBinningOptions options, PaillierPrivateKey? key = null, CancellationToken ct = default)
    {
        var who = $"hetero_feature_binning at party {ctx.Self}";
        BinLabels labels;
        LocalBins own;
        try
        {
            labels = BinLabels.Of(data.Labels ?? throw new ArgumentException($"{who}: the guest's table has no label column"), options.MultiClass, who);
            using (PhaseTimer.Start(Phase.Plaintext))
            {
                own = LocalBins.Fit(data.Columns, options, who, labels);
            }
        }
        catch (ArgumentException ex)
        {
            await ctx.Hosts.Send(Setup, new(0, $"the guest cannot bin: {ex.Message}"), ct).ConfigureAwait(false);
            throw;
        }
        var party = ctx.Self.ToString();
        var ownTables = Enumerable.Range(0, own.ColumnCount)
            .Select(c => BinTable.Of(own.Names[c], party, null, own.Cuts[c], own.Counts(c), own.Events(c, labels), labels)).ToList();
        if (ctx.Roster.Hosts.Count == 0)
        {
            return new BinningResult(own, ownTables, []);
        }

        // The key and the label ciphertexts need nothing from the hosts, so they are made while the hosts bin.
        var encryption = Task.Run(() => EncryptLabels(key, labels, options.KeyBits, ct), ct);
        await AlignAsync(data.Ids, ct).ConfigureAwait(false);
        (key, var encryptedLabels) = await encryption.ConfigureAwait(false);
        await ctx.Hosts.Send(Setup, new(labels.Classes.Count, null), ct).ConfigureAwait(false);
        await ctx.Hosts.Send(PublicKey, key.PublicKey, ct).ConfigureAwait(false);
        await ctx.Hosts.Send(EncryptedLabels, encryptedLabels, ct).ConfigureAwait(false);

        var hostTables = new List<BinTable>();
        foreach (var host in ctx.Hosts.Members)
        {
            var tables = await HostTablesAsync(host, key, labels, ct).ConfigureAwait(false);
            await ctx.Group([host]).Send(BinWoe, new(
                labels.MultiClass ? null : [.. tables.Select(t => t.Woe!)],
                [.. tables.Select(t => t.Iv)],
                labels.MultiClass ? [.. tables.Select(t => new Dictionary<string, double>(t.ClassIvs!))] : null), ct).ConfigureAwait(false);
            hostTables.AddRange(tables);
        }
        return new BinningResult(own, ownTables, hostTables);
    }

    private (PaillierPrivateKey, CipherVector) EncryptLabels(PaillierPrivateKey? key, BinLabels labels, int keyBits, CancellationToken ct)
    {
        key ??= PaillierKeyGenerator.Generate(keyBits, cancellationToken: ct).PrivateKey;
        log?.Invoke($"{key.PublicKey.Bits}-bit Paillier key; encrypting {labels.Classes.Count} × {labels.RowCount} label indicators");
        var plaintexts = labels.Indicators.SelectMany(row => row.Select(b => b == 1 ? BigNat.One : BigNat.Zero)).ToArray();
        return (key, CipherVector.Encrypt(key, plaintexts));
    }

    /// <summary>Every host must hold the guest's rows in the guest's order, and be able to bin; otherwise all are told why.</summary>
    private async Task AlignAsync(IReadOnlyList<string> ids, CancellationToken ct)
    {
        var hellos = await ctx.Hosts.ReceiveAll(Hello, ct).ConfigureAwait(false);
        var own = AlignedIds.Digest(ids);
        var problems = ctx.Hosts.Members.Zip(hellos)
            .Select(p => p.Second.Rejection is string r ? $"party {p.First} cannot take part: {r}"
                : !p.Second.IdsDigest.AsSpan().SequenceEqual(own) ? $"party {p.First}'s rows are not aligned with the guest's (their ordered id lists differ); put a psi component in front"
                : null)
            .OfType<string>().ToList();
        if (problems.Count > 0)
        {
            var message = "hetero_feature_binning cannot start: " + string.Join("; ", problems);
            await ctx.Hosts.Send(Setup, new(0, message), ct).ConfigureAwait(false);
            throw new FederationException(message);
        }
    }

    /// <summary>A host's rows and decrypted events per anonymous bin, as tables; a host whose sums cannot be right is named.</summary>
    private async Task<List<BinTable>> HostTablesAsync(PartyRef host, PaillierPrivateKey key, BinLabels labels, CancellationToken ct)
    {
        var from = ctx.Group([host]);
        var counts = await from.Receive(BinCounts, ct).ConfigureAwait(false);
        var bad = counts.Select((c, i) => (c, i)).FirstOrDefault(p => p.c is null || p.c.Length is < 3 or > 252 || p.c.Any(n => n < 0) || p.c.Sum() != labels.RowCount);
        if (bad.c is not null || counts.Any(c => c is null))
        {
            throw new FederationException($"party {host} sent bin counts for column {bad.i} that do not cover its {labels.RowCount} rows in 3 to 252 bins", host);
        }
        var cells = counts.Sum(c => c.Length);
        var sums = await from.Receive(EncryptedBinSums.Under(key.PublicKey, labels.Classes.Count * cells), ct).ConfigureAwait(false);
        var events = sums.Decrypt(key);
        var tables = new List<BinTable>(counts.Length);
        var offset = 0;
        for (var c = 0; c < counts.Length; c++)
        {
            var perClass = new long[labels.Classes.Count][];
            for (var k = 0; k < perClass.Length; k++)
            {
                var start = (k * cells) + offset;
                perClass[k] = [.. Enumerable.Range(0, counts[c].Length).Select(b => Event(events[start + b], counts[c][b], host, c))];
            }
            offset += counts[c].Length;
            var id = AnonymousColumns.Id(host.Id, c);
            tables.Add(BinTable.Of(id, host.ToString(), id, null, counts[c], perClass, labels));
        }
        return tables;
    }

    private static long Event(BigNat sum, long count, PartyRef host, int column) =>
        sum <= (ulong)count ? (long)sum.ToUInt64()
            : throw new FederationException($"party {host}'s encrypted events of anonymous column {column} exceed the rows of its bin, so it did not sum the guest's label ciphertexts", host);
}
