using System.Globalization;

namespace Concord.Flow.Governance;

/// <summary>
/// The node settings an admin switches through the API: whether jobs from other parties need grants for this
/// party's tables, whether they wait for approval, and whether this party's own ids are masked in its logs. Kept
/// in the flow store, so every process on it agrees.
/// </summary>
public static class GovernanceSettings
{
    public const string RequireGrants = "require_grants";
    public const string RequireApproval = "require_approval";
    public const string MaskIds = "mask_ids";

    public static readonly IReadOnlyDictionary<string, bool> Defaults = new Dictionary<string, bool>(StringComparer.Ordinal)
    {
        [RequireGrants] = true,
        [RequireApproval] = false,
        [MaskIds] = true,
    };

    public static async Task<bool> GetAsync(IGovernanceStore store, string name, CancellationToken ct) =>
        await store.GetSettingAsync(Known(name), ct).ConfigureAwait(false) is string value ? bool.Parse(value) : Defaults[name];

    public static async Task<IReadOnlyDictionary<string, bool>> AllAsync(IGovernanceStore store, CancellationToken ct)
    {
        var all = new Dictionary<string, bool>(StringComparer.Ordinal);
        foreach (var name in Defaults.Keys)
        {
            all[name] = await GetAsync(store, name, ct).ConfigureAwait(false);
        }
        return all;
    }

    public static Task SetAsync(IGovernanceStore store, string name, bool value, CancellationToken ct) =>
        store.SetSettingAsync(Known(name), value.ToString(CultureInfo.InvariantCulture), ct);

    private static string Known(string name) => Defaults.ContainsKey(name)
        ? name
        : throw new ArgumentException($"unknown node setting \"{name}\"; the settings are {string.Join(", ", Defaults.Keys)}");
}
