using System.Globalization;
using System.Security.Cryptography.X509Certificates;

namespace Concord.Federation.Security;

/// <summary>
/// What a node knows of revoked certificates: the CRL file, read again whenever its size or time changes, so a
/// revocation takes effect at the next TLS handshake without a restart. No file means nothing is revoked; a file
/// that cannot be read or is not the CA's refuses every peer until it is fixed, since it may revoke any of them.
/// </summary>
public sealed class Revocations(string path, X509Certificate2 federationCa)
{
    private readonly Lock _lock = new();
    private (DateTime Written, long Length)? _stamp;
    private IReadOnlySet<string> _revoked = new HashSet<string>();
    private string? _unreadable;

    public string Path { get; } = path;

    /// <summary>Reads the file now, so a node refuses to start on a list it cannot use.</summary>
    public void Load()
    {
        if (Refresh() is string error)
        {
            throw new FederationException(error);
        }
    }

    /// <summary>Null when the certificate is not revoked; otherwise why, naming the party and the serial.</summary>
    public string? WhyRevoked(X509Certificate2 certificate)
    {
        if (Refresh() is string error)
        {
            return error;
        }
        var serial = CertificateSerial.Of(certificate);
        if (!_revoked.Contains(serial))
        {
            return null;
        }
        var party = PartyIdentity.PartyIdOf(certificate) is int id ? "party " + id.ToString(CultureInfo.InvariantCulture) : $"\"{certificate.Subject}\"";
        return $"the certificate of {party} (serial {serial}) is revoked by {Path}";
    }

    private string? Refresh()
    {
        lock (_lock)
        {
            var file = new FileInfo(Path);
            (DateTime, long)? stamp = file.Exists ? (file.LastWriteTimeUtc, file.Length) : null;
            if (stamp == _stamp)
            {
                return _unreadable;
            }
            try
            {
                _revoked = stamp is null ? new HashSet<string>() : RevocationListFile.Read(Path, federationCa);
                _unreadable = null;
            }
            catch (Exception ex) when (ex is FederationException or IOException or FormatException or UnauthorizedAccessException)
            {
                _unreadable = $"revocation list {Path} cannot be used ({ex.Message}); every peer is refused until it is fixed";
            }
            _stamp = stamp;
            return _unreadable;
        }
    }
}
