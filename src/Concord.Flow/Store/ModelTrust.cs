using System.Security.Cryptography.X509Certificates;

namespace Concord.Flow.Store;

/// <summary>
/// What an imported model must match: the federation CA that issued its signer's certificate, and the party whose
/// registry receives it (a party holds only its own share of a model).
/// </summary>
public sealed record ModelTrust(X509Certificate2 FederationCa, int PartyId)
{
    public const long DefaultMaxParameterBytes = 256L << 20;

    /// <summary>The largest model parameters file an import reads; a bigger one is refused before it is unpacked.</summary>
    public long MaxParameterBytes { get; init; } = DefaultMaxParameterBytes;

    /// <summary>The largest archive the REST API accepts: the parameters plus room for the manifest, signature and certificate.</summary>
    public long MaxArchiveBytes => MaxParameterBytes + ModelArchive.MaxSmallMemberBytes * 4;
}
