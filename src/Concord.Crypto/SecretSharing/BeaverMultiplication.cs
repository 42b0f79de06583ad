namespace Concord.Crypto.SecretSharing;

/// <summary>
/// Beaver's multiplication of shared x and y with a triple (a, b, c = ab): every party publishes its shares of
/// e = x − a and f = y − b; once e and f are opened, z_i = c_i + e·b_i + f·a_i (+ e·f for party 0) shares x·y,
/// because xy = (e + a)(f + b) = ef + eb + fa + c. Opening e and f reveals nothing, since a and b are uniform masks.
/// The protocol's messages are the caller's business; these are the two local steps.
/// </summary>
public static class BeaverMultiplication
{
    /// <summary>Step 1: this party's shares of e = x − a and f = y − b, to be sent to the other parties.</summary>
    public static (ulong[] E, ulong[] F) Mask(ReadOnlySpan<ulong> x, ReadOnlySpan<ulong> y, ReadOnlySpan<BeaverTriple> triples)
    {
        RequireLengths(x.Length, y.Length, triples.Length);
        var e = new ulong[x.Length];
        var f = new ulong[x.Length];
        for (var i = 0; i < x.Length; i++)
        {
            e[i] = x[i] - triples[i].A;
            f[i] = y[i] - triples[i].B;
        }
        return (e, f);
    }

    /// <summary>Step 2: this party's share of x·y from the opened e and f (the sums of all parties' masks).</summary>
    public static ulong[] Combine(int party, ReadOnlySpan<ulong> e, ReadOnlySpan<ulong> f, ReadOnlySpan<BeaverTriple> triples)
    {
        RequireLengths(e.Length, f.Length, triples.Length);
        ArgumentOutOfRangeException.ThrowIfNegative(party);
        var z = new ulong[e.Length];
        for (var i = 0; i < z.Length; i++)
        {
            z[i] = triples[i].C + (e[i] * triples[i].B) + (f[i] * triples[i].A) + (party == 0 ? e[i] * f[i] : 0);
        }
        return z;
    }

    private static void RequireLengths(int x, int y, int triples)
    {
        if (x != y || x > triples)
        {
            throw new ArgumentException($"Beaver multiplication: {x} and {y} shares with {triples} triples; the shares must pair up and each needs its own triple");
        }
    }
}
