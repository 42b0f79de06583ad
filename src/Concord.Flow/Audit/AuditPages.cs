using System.Runtime.CompilerServices;
using Concord.Flow.Store;

namespace Concord.Flow.Audit;

/// <summary>A whole trail read from the store a page at a time, so that exporting it never holds it all.</summary>
public static class AuditPages
{
    public const int PageSize = 5_000;

    public static async IAsyncEnumerable<AuditRecord> AllAsync(IAuditStore store, [EnumeratorCancellation] CancellationToken ct = default)
    {
        var after = 0L;
        while (true)
        {
            var page = await store.AuditRecordsAsync(new AuditQuery(AfterSeq: after, Limit: PageSize), ct).ConfigureAwait(false);
            foreach (var record in page)
            {
                yield return record;
            }
            if (page.Count < PageSize)
            {
                yield break;
            }
            after = page[^1].Seq;
        }
    }
}
