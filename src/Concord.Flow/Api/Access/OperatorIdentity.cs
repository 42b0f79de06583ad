using Concord.Flow.Governance;
using Microsoft.AspNetCore.Http;

namespace Concord.Flow.Api.Access;

/// <summary>Who is calling the operator API, and in which role: set on the request once the caller is recognised.</summary>
public sealed record OperatorIdentity(string Name, OperatorRole Role)
{
    private const string Key = "concord.operator";

    public override string ToString() => $"{Name} ({Role.Name()})";

    internal void AttachTo(HttpContext http) => http.Items[Key] = this;

    /// <summary>The caller of an operator endpoint; the access check has always set it by the time a handler runs.</summary>
    public static OperatorIdentity Of(HttpContext http) =>
        http.Items[Key] as OperatorIdentity ?? throw new InvalidOperationException("the operator API ran a handler before identifying its caller");
}
