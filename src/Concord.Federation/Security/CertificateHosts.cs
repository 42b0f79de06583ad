using System.Globalization;
using System.Net;
using System.Security.Cryptography.X509Certificates;

namespace Concord.Federation.Security;

/// <summary>
/// The host names and IP addresses a party certificate is valid for (its DNS and IP subject alternative names),
/// so that a peer, curl or a browser reaching the node by its address in parties.yaml accepts it.
/// </summary>
public static class CertificateHosts
{
    /// <summary>Every party certificate names these too, so nodes on one machine keep working.</summary>
    public static readonly IReadOnlyList<string> Local = ["localhost", "127.0.0.1"];

    /// <summary>Splits "a.example.org,10.0.0.5" into checked names; <paramref name="source"/> names the option or file.</summary>
    public static IReadOnlyList<string> Parse(string list, string source) =>
        list.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(h => Check(h, source)).ToList() is { Count: > 0 } hosts
            ? hosts
            : throw new ArgumentException($"{source}: no host name in \"{list}\"");

    /// <summary>A DNS name (letters, digits, '-' and '.', no wildcard) or an IPv4/IPv6 address, in canonical form.</summary>
    public static string Check(string host, string source)
    {
        var bare = host.Trim('[', ']');
        if (IPAddress.TryParse(bare, out var ip))
        {
            return ip.ToString();
        }
        var labels = host.Split('.');
        if (host.Length is 0 or > 253 || labels.Any(l => l.Length is 0 or > 63 || l[0] == '-' || l[^1] == '-'
            || !l.All(c => char.IsAsciiLetterOrDigit(c) || c == '-')))
        {
            throw new ArgumentException($"{source}: \"{host}\" is neither a DNS name (letters, digits, '-' and '.') nor an IP address");
        }
        return host.ToLowerInvariant();
    }

    /// <summary>The host part of a node's address, as a certificate would name it.</summary>
    public static string Of(Uri address) => Check(address.Host, address.ToString());

    /// <summary>Adds the hosts, and the local names, each once, as DNS or IP entries.</summary>
    public static void AddTo(SubjectAlternativeNameBuilder san, IEnumerable<string> hosts)
    {
        foreach (var host in Local.Concat(hosts).Distinct(StringComparer.OrdinalIgnoreCase))
        {
            if (IPAddress.TryParse(host, out var ip))
            {
                san.AddIpAddress(ip);
            }
            else
            {
                san.AddDnsName(host);
            }
        }
    }

    /// <summary>The DNS names and IP addresses the certificate names, local ones included.</summary>
    public static IReadOnlyList<string> Named(X509Certificate2 certificate)
    {
        var hosts = new List<string>();
        foreach (var san in certificate.Extensions.OfType<X509SubjectAlternativeNameExtension>())
        {
            hosts.AddRange(san.EnumerateDnsNames().Select(n => n.ToLowerInvariant()));
            hosts.AddRange(san.EnumerateIPAddresses().Select(ip => ip.ToString()));
        }
        return hosts;
    }

    /// <summary>The names a renewal keeps: those of the old certificate that are not local.</summary>
    public static IReadOnlyList<string> Remote(X509Certificate2 certificate) =>
        Named(certificate).Where(h => !Local.Contains(h, StringComparer.OrdinalIgnoreCase)).ToList();

    public static bool Covers(X509Certificate2 certificate, string host)
    {
        var wanted = Check(host, "host");
        return Named(certificate).Contains(wanted, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>Null when the certificate covers the node's own address; otherwise the one-line refusal with its fix.</summary>
    public static string? WhyNotCovering(X509Certificate2 certificate, string certificateFile, int partyId, Uri address)
    {
        var host = Of(address);
        if (Covers(certificate, host))
        {
            return null;
        }
        var id = partyId.ToString(CultureInfo.InvariantCulture);
        return $"certificate {certificateFile} does not name host {host} of party {id}'s address {address} (it names {string.Join(", ", Named(certificate))}); "
            + $"issue one that does with `concord cert issue --party {id} --host {host}`";
    }
}
