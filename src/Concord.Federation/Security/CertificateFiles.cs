using System.Security.Cryptography.X509Certificates;

namespace Concord.Federation.Security;

/// <summary>PEM files on disk: what <c>concord cert init</c> writes and what a node loads.</summary>
public static class CertificateFiles
{
    public static void Save(X509Certificate2 certificate, string certificatePath, string? keyPath)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(certificatePath))!);
        File.WriteAllText(certificatePath, certificate.ExportCertificatePem());
        if (keyPath is not null)
        {
            using var key = certificate.GetECDsaPrivateKey()
                ?? throw new InvalidOperationException($"certificate {certificate.Subject} has no EC private key to save");
            File.WriteAllText(keyPath, key.ExportPkcs8PrivateKeyPem());
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(keyPath, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }
        }
    }

    /// <summary>Loads a certificate with its key, refusing one that is missing, unreadable or outside its validity.</summary>
    public static X509Certificate2 LoadWithKey(string certificatePath, string keyPath)
    {
        RequireFile(certificatePath, "certificate");
        RequireFile(keyPath, "private key");
        X509Certificate2 certificate;
        try
        {
            certificate = X509Certificate2.CreateFromPemFile(certificatePath, keyPath);
        }
        catch (System.Security.Cryptography.CryptographicException ex)
        {
            throw new FederationException($"cannot load certificate {certificatePath} with key {keyPath}: {ex.Message}", inner: ex);
        }
        RequireCurrent(certificate, certificatePath);
        return certificate;
    }

    public static X509Certificate2 LoadPublic(string certificatePath)
    {
        RequireFile(certificatePath, "certificate");
        try
        {
            return X509Certificate2.CreateFromPem(File.ReadAllText(certificatePath));
        }
        catch (System.Security.Cryptography.CryptographicException ex)
        {
            throw new FederationException($"cannot load certificate {certificatePath}: {ex.Message}", inner: ex);
        }
    }

    public static void RequireCurrent(X509Certificate2 certificate, string source)
    {
        var now = DateTime.Now;
        if (now > certificate.NotAfter)
        {
            throw new FederationException($"certificate {source} expired on {certificate.NotAfter.ToUniversalTime():yyyy-MM-dd HH:mm} UTC; issue a new one with `concord cert init`");
        }
        if (now < certificate.NotBefore)
        {
            throw new FederationException($"certificate {source} is not valid until {certificate.NotBefore.ToUniversalTime():yyyy-MM-dd HH:mm} UTC");
        }
    }

    private static void RequireFile(string path, string what)
    {
        if (!File.Exists(path))
        {
            throw new FederationException($"{what} file {path} does not exist; create the federation's certificates with `concord cert init`");
        }
    }
}
