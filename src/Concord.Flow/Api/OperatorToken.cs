using System.Security.Cryptography;
using System.Text;

namespace Concord.Flow.Api;

/// <summary>
/// The secret that lets the operator's CLI on this machine call the node's REST API without a client
/// certificate. It lives in the party's home, readable only by its owner, and is made on first start.
/// </summary>
public static class OperatorToken
{
    public const string FileName = "operator.token";
    public const string Header = "Authorization";
    public const string Scheme = "Bearer ";

    public static string PathIn(string partyHome) => Path.Combine(partyHome, FileName);

    public static string LoadOrCreate(string partyHome)
    {
        var path = PathIn(partyHome);
        if (File.Exists(path))
        {
            return File.ReadAllText(path).Trim();
        }
        Directory.CreateDirectory(partyHome);
        var token = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        File.WriteAllText(path, token);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
        return token;
    }

    /// <summary>Reads the token the CLI should present, with an error that says where it looked.</summary>
    public static string Read(string partyHome)
    {
        var path = PathIn(partyHome);
        return File.Exists(path)
            ? File.ReadAllText(path).Trim()
            : throw new InvalidOperationException($"no operator token at {path}: start the party's node once (it creates the token), or pass --token");
    }

    /// <summary>Constant-time comparison, so response timing tells an attacker nothing about the token.</summary>
    public static bool Matches(string expected, string? authorizationHeader) =>
        authorizationHeader is not null
        && authorizationHeader.StartsWith(Scheme, StringComparison.Ordinal)
        && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(expected), Encoding.UTF8.GetBytes(authorizationHeader[Scheme.Length..].Trim()));
}
