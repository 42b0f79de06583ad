using System.Security.Cryptography.X509Certificates;

namespace Concord.Federation.Security;

/// <summary>Serial numbers as people type them: big-endian hex, upper case, no leading zero bytes.</summary>
public static class CertificateSerial
{
    public static string Of(X509Certificate2 certificate) => Normalize(Convert.FromHexString(certificate.SerialNumber));

    public static string Normalize(ReadOnlySpan<byte> bigEndian)
    {
        var start = 0;
        while (start < bigEndian.Length - 1 && bigEndian[start] == 0)
        {
            start++;
        }
        return Convert.ToHexString(bigEndian[start..]);
    }

    /// <summary>
    /// The DER form a revocation list takes: a leading zero byte only where the next byte's top bit would otherwise
    /// make the number negative.
    /// </summary>
    private static byte[] Minimal(byte[] bigEndian)
    {
        var start = 0;
        while (start < bigEndian.Length - 1 && bigEndian[start] == 0 && bigEndian[start + 1] < 0x80)
        {
            start++;
        }
        return bigEndian[start..];
    }

    /// <summary>Parses "7A:3F…" or "7a3f…" as given to <c>--serial</c>.</summary>
    public static byte[] Parse(string hex, string source)
    {
        var digits = hex.Replace(":", "", StringComparison.Ordinal).Trim();
        if (digits.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
        {
            digits = digits[2..];
        }
        if (digits.Length % 2 == 1)
        {
            digits = "0" + digits;
        }
        try
        {
            var bytes = Convert.FromHexString(digits);
            return bytes.Length is > 0 and <= 20 ? Minimal(bytes) : throw new FormatException();
        }
        catch (FormatException)
        {
            throw new ArgumentException($"{source}: \"{hex}\" is not a certificate serial number (1 to 20 bytes in hex)");
        }
    }
}
