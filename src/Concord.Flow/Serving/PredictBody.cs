using System.Text.Json;
using Concord.ML.Serving;

namespace Concord.Flow.Serving;

/// <summary>
/// A predict request's body, read against the deployment's features before anything is queued: one row
/// (<c>{"id": …, "features": {…}}</c>) or many (<c>{"rows": [ … ]}</c>). Every refusal names the row, the field and
/// what was expected, so one bad row never reaches a batch other requests share.
/// </summary>
internal static class PredictBody
{
    public const int MaxIdLength = 256;

    public static List<ServingRow> Read(ReadOnlyMemory<byte> body, GuestScorer scorer, ServingLimits limits)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException ex)
        {
            throw new ServingException(400, $"the body is not JSON: {ex.Message}");
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new ServingException(400, "the body must be an object: {\"id\": …, \"features\": {…}} or {\"rows\": [ … ]}");
            }
            if (!root.TryGetProperty("rows", out var rows))
            {
                return [Row(root, scorer, "the request")];
            }
            if (rows.ValueKind != JsonValueKind.Array)
            {
                throw new ServingException(400, "\"rows\" must be an array of {\"id\": …, \"features\": {…}}");
            }
            var count = rows.GetArrayLength();
            if (count == 0 || count > limits.MaxRows)
            {
                throw new ServingException(count == 0 ? 400 : 413, $"the request carries {count} rows; give 1 to {limits.MaxRows}");
            }
            return [.. rows.EnumerateArray().Select((row, i) => Row(row, scorer, $"row {i}"))];
        }
    }

    private static ServingRow Row(JsonElement row, GuestScorer scorer, string where)
    {
        if (row.ValueKind != JsonValueKind.Object)
        {
            throw new ServingException(400, $"{where} is not an object with \"id\" and \"features\"");
        }
        if (!row.TryGetProperty("id", out var idElement) || idElement.ValueKind != JsonValueKind.String || idElement.GetString() is not { Length: > 0 and <= MaxIdLength } id)
        {
            throw new ServingException(400, $"{where}: \"id\" must be a string of 1 to {MaxIdLength} characters");
        }
        if (!row.TryGetProperty("features", out var features) || features.ValueKind != JsonValueKind.Object)
        {
            throw new ServingException(400, $"{where} (id {id}): \"features\" must be an object of the guest's feature values");
        }
        var index = scorer.FeatureIndex;
        var values = new double[scorer.Features.Count];
        var seen = new bool[values.Length];
        foreach (var feature in features.EnumerateObject())
        {
            if (!index.TryGetValue(feature.Name, out var j))
            {
                throw new ServingException(400, $"{where} (id {id}): feature \"{feature.Name}\" is not one the model was trained on ({string.Join(", ", scorer.Features)})");
            }
            values[j] = feature.Value.ValueKind switch
            {
                JsonValueKind.Number when feature.Value.TryGetDouble(out var v) && double.IsFinite(v) => v,
                JsonValueKind.Null when scorer.AcceptsMissing => double.NaN,
                JsonValueKind.Null => throw new ServingException(400, $"{where} (id {id}): feature \"{feature.Name}\" is null, and this model needs every value"),
                _ => throw new ServingException(400, $"{where} (id {id}): feature \"{feature.Name}\" is a {feature.Value.ValueKind.ToString().ToLowerInvariant()}, not a number"),
            };
            seen[j] = true;
        }
        if (Array.IndexOf(seen, false) is var missing and >= 0)
        {
            if (!scorer.AcceptsMissing)
            {
                throw new ServingException(400, $"{where} (id {id}): feature \"{scorer.Features[missing]}\" is missing, and this model needs every value");
            }
            for (var j = 0; j < values.Length; j++)
            {
                values[j] = seen[j] ? values[j] : double.NaN;
            }
        }
        return new ServingRow(id, values);
    }
}
