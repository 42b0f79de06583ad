using System.Text.Json.Nodes;
using Concord.Flow.Dsl.Specs.Binding;
using Concord.ML.Validation;

namespace Concord.Flow.Dsl.Specs.Components;

/// <summary>
/// What every trained model shares for validate_data (FATE's validation_freqs, early_stopping_rounds, metrics and
/// use_first_metric_only), and the submit-time checks: early stopping needs validate_data, and each metric must be
/// known and fit the model's task.
/// </summary>
public static class ValidationSpecs
{
    public static IReadOnlyList<ParameterSpec> Parameters { get; } = OptionsBinder.Spec<ValidationOptions>();

    public static IReadOnlyList<ComponentInputRule> InputRules { get; } =
    [
        (p, inputs) => p["early_stopping_rounds"] is JsonNode rounds && JsonNumber.ToLong(rounds) > 0 && !inputs.Contains("validate_data")
            ? new RuleViolation("early_stopping_rounds", $"early_stopping_rounds is {rounds}, but no validate_data is connected to stop on; connect validate_data or set early_stopping_rounds: 0")
            : null,
    ];

    /// <summary>The metrics check for a model whose predictions are of <paramref name="task"/>.</summary>
    public static ComponentRule Metrics(ValidationTask task) => (p, _) =>
        new ValidationOptions { Metrics = Names(p["metrics"]) }.Problem(task) is var (parameter, message) ? new RuleViolation(parameter, message) : null;

    private static string[]? Names(JsonNode? metrics) => metrics is JsonArray list ? [.. list.Select(m => m!.GetValue<string>())] : null;
}
