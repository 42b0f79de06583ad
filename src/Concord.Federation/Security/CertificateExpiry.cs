using System.Globalization;
using System.Security.Cryptography.X509Certificates;

namespace Concord.Federation.Security;

/// <summary>Early warning for a node's own certificate, while there is still time to renew it without an outage.</summary>
public static class CertificateExpiry
{
    public static readonly TimeSpan WarnBefore = TimeSpan.FromDays(30);

    /// <summary>The warning line when the certificate ends within <see cref="WarnBefore"/> of <paramref name="now"/>; otherwise null.</summary>
    public static string? Warning(X509Certificate2 certificate, string certificateFile, DateTimeOffset now)
    {
        var notAfter = new DateTimeOffset(certificate.NotAfter.ToUniversalTime(), TimeSpan.Zero);
        if (notAfter - now > WarnBefore)
        {
            return null;
        }
        var days = Math.Max(0, (int)Math.Floor((notAfter - now).TotalDays)).ToString(CultureInfo.InvariantCulture);
        return $"warning: certificate {certificateFile} expires on {notAfter:yyyy-MM-dd HH:mm} UTC (in {days} days); "
            + CertificateFiles.RenewalHint(certificate);
    }
}
