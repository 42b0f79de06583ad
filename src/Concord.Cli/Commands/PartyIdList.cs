using System.Globalization;

namespace Concord.Cli.Commands;

internal static class PartyIdList
{
    public static IReadOnlyList<int> Parse(string text, string option)
    {
        var ids = new List<int>();
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var id) || id <= 0)
            {
                throw new ArgumentException($"{option}: \"{part}\" is not a party id (a positive whole number such as 9999)");
            }
            ids.Add(id);
        }
        if (ids.Count == 0)
        {
            throw new ArgumentException($"{option} names no party");
        }
        if (ids.Distinct().Count() != ids.Count)
        {
            throw new ArgumentException($"{option} names a party twice: {text}");
        }
        return ids;
    }
}
