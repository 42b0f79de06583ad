using System.Text.Json.Nodes;

namespace Concord.Flow.Store;

/// <summary>How a metric's value is to be read: FATE's three kinds of evaluation output.</summary>
public enum MetricKind
{
    /// <summary>One number, such as an AUC.</summary>
    Scalar,

    /// <summary>One point of a curve per step (loss per iteration), or a whole curve (ROC points) as one value.</summary>
    Curve,

    /// <summary>Rows and columns, such as a confusion matrix.</summary>
    Table,
}

/// <summary>A metric a task reported. A metric with steps has one record per step.</summary>
/// <param name="Step">The iteration or point index; null for a metric without steps.</param>
public sealed record MetricRecord(TaskKey Task, string Name, MetricKind Kind, long? Step, JsonNode Value, DateTimeOffset RecordedAt);
