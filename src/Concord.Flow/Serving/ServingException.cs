namespace Concord.Flow.Serving;

/// <summary>A request serving cannot answer, with the HTTP status it becomes and a one-line reason naming the field, id, party or limit.</summary>
public sealed class ServingException(int status, string message) : Exception(message)
{
    public int Status { get; } = status;
}
