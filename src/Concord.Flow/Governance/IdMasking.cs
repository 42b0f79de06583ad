using Concord.Data;

namespace Concord.Flow.Governance;

/// <summary>
/// Whether this party's own row ids stay masked in its own logs (the default) or show as they are, for an admin
/// chasing a data problem; the <see cref="GovernanceSettings.MaskIds"/> switch. What leaves the party (task errors
/// its initiator reads) is masked whatever the switch says.
/// </summary>
public sealed class IdMasking
{
    private volatile bool _enabled = true;

    public bool Enabled
    {
        get => _enabled;
        set => _enabled = value;
    }

    public string Apply(string text) => _enabled ? SensitiveIds.Mask(text) : text;
}
