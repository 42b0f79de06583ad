using System.Security.Cryptography.X509Certificates;

namespace Concord.Federation.Security;

/// <summary>PEM files on disk: what <c>concord cert init</c> writes and what a node loads.</summary>
public static class CertificateFiles
{
    public static void Save(X509Certificate2 certificate, string certificatePath, string? keyPath)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(certificatePath))!);
        if (keyPath is not null)
        {
            using var key = certificate.GetECDsaPrivateKey()
                ?? throw new InvalidOperationException($"certificate {certificate.Subject} has no EC private key to save");
            SaveKey(key, keyPath);
        }
        File.WriteAllText(certificatePath, certificate.ExportCertificatePem());
    }

    /// <summary>
    /// Writes a private key readable by its owner only. The file is created with that mode rather than narrowed
    /// afterwards, so no other user can open it in between; an older file is removed first, since an existing
    /// file keeps its mode.
    /// </summary>
    public static void SaveKey(System.Security.Cryptography.ECDsa key, string keyPath)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(keyPath))!);
        File.Delete(keyPath);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }
        using var file = new StreamWriter(keyPath, options);
        file.Write(key.ExportPkcs8PrivateKeyPem());
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
            throw new FederationException($"certificate {source} expired on {certificate.NotAfter.ToUniversalTime():yyyy-MM-dd HH:mm} UTC; {RenewalHint(certificate)}");
        }
        if (now < certificate.NotBefore)
        {
            throw new FederationException($"certificate {source} is not valid until {certificate.NotBefore.ToUniversalTime():yyyy-MM-dd HH:mm} UTC");
        }
    }

    /// <summary>What renews this certificate, run where the CA key is kept.</summary>
    public static string RenewalHint(X509Certificate2 certificate) => PartyIdentity.PartyIdOf(certificate) is int party
        ? $"renew it with `concord cert issue --party {party.ToString(System.Globalization.CultureInfo.InvariantCulture)}` where the CA key is kept"
        : "issue a new one with `concord cert init` or `concord cert issue-operator`";

    private static void RequireFile(string path, string what)
    {
        if (!File.Exists(path))
        {
            throw new FederationException($"{what} file {path} does not exist; create the federation's certificates with `concord cert init`");
        }
    }
}
