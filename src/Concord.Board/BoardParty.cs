namespace Concord.Board;

/// <summary>
/// The party whose board this is, registered in the board's services: views that show "this party's share" of a
/// model or metric ask it which party that is, next to the party's <see cref="Concord.Flow.Store.IFlowStore"/>.
/// </summary>
/// <param name="PartyId">The party this node serves.</param>
public sealed record BoardParty(int PartyId);
