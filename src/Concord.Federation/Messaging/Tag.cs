namespace Concord.Federation.Messaging;

/// <summary>
/// A message name bound to its payload type, declared once beside the protocol so that sender and
/// receiver agree at compile time: <c>static readonly Tag&lt;double[]&gt; MaskedSum = new("masked_sum");</c>
/// </summary>
public sealed class Tag<T>
{
    public Tag(string name, IPayloadCodec<T>? codec = null)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Contains('/', StringComparison.Ordinal))
        {
            throw new ArgumentException($"tag name \"{name}\" must be non-empty and contain no '/'", nameof(name));
        }
        Name = name;
        Codec = codec ?? PayloadCodecs.For<T>();
    }

    public string Name { get; }

    public IPayloadCodec<T> Codec { get; }

    public override string ToString() => Name;
}
