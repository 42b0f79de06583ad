using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Concord.Flow.Node;

/// <summary>
/// Something a node serves beside its own API on the same host (the board, say), written in a project the flow
/// does not reference: the node hands it what it needs through <see cref="NodeContext"/>.
/// </summary>
public interface INodeExtension
{
    /// <summary>Adds the extension's services; called before the host is built.</summary>
    void AddServices(IServiceCollection services, NodeContext node);

    /// <summary>Adds the extension's middleware and endpoints; called after the node's own gate, before its endpoints.</summary>
    void Map(WebApplication app, NodeContext node);
}
