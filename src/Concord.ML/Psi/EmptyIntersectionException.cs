namespace Concord.ML.Psi;

/// <summary>The parties share no id, so nothing downstream could train on anything.</summary>
public sealed class EmptyIntersectionException(string message) : Exception(message);
