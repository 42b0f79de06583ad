namespace Concord.Flow.Governance;

/// <summary>A token an admin issued: the store keeps only its SHA-256, so a copy of the store signs no one in.</summary>
public sealed record OperatorTokenRecord(string TokenId, string Name, OperatorRole Role, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt);

/// <summary>A token as issued: the secret is shown this once and never stored.</summary>
public sealed record IssuedToken(OperatorTokenRecord Record, string Secret);
