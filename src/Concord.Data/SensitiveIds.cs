using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace Concord.Data;

/// <summary>
/// Row ids in messages. A message that names a row id marks it (‹id›), so that wherever the message is logged or
/// shown to another party the id can be masked (‹id:3f2a9c1b›) without parsing the sentence around it. The mask is
/// a digest keyed by a secret of this process: the same id masks alike within a run, for following one row through
/// a log, but a short id cannot be found again by hashing guesses.
/// </summary>
public static partial class SensitiveIds
{
    private static readonly byte[] Key = RandomNumberGenerator.GetBytes(32);

    public static string Mark(string id) => $"\u2039{id}\u203A";

    public static string Mask(string text) => Marked().Replace(text, match =>
        $"\u2039id:{Convert.ToHexStringLower(HMACSHA256.HashData(Key, Encoding.UTF8.GetBytes(match.Groups[1].Value)).AsSpan(0, 4))}\u203A");

    [GeneratedRegex("\u2039([^\u203A]{0,256})\u203A")]
    private static partial Regex Marked();
}
