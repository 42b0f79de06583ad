namespace Concord.Board.Views;

/// <summary>A hidden form field that carries the antiforgery token every state-changing form must send.</summary>
public sealed record FormToken(string FieldName, string Value);

/// <summary>What every page's frame shows: whose board it is, who is signed in, and which section is open.</summary>
/// <param name="User">The signed-in operator, or null on the sign-in page.</param>
/// <param name="Token">The antiforgery field for the page's forms (sign-out among them).</param>
public sealed record PageFrame(int PartyId, string? User, FormToken Token, string Section);
