namespace Concord.Flow.Store;

/// <summary>What went wrong, so that the REST layer can pick a status code without parsing messages.</summary>
public enum FlowStoreError
{
    /// <summary>The job or model named is not in the store.</summary>
    NotFound,

    /// <summary>A job with that id, or a different model with that id and version, is already there.</summary>
    AlreadyExists,

    /// <summary>The job's state machine does not allow the change asked for.</summary>
    IllegalTransition,

    /// <summary>A model export is damaged, not a Concord model export, or not signed by this party under the federation CA.</summary>
    CorruptFile,

    /// <summary>The database could not be reached or refused the operation.</summary>
    Unavailable,
}

/// <summary>A store operation failed; the message names the store and the record concerned.</summary>
public sealed class FlowStoreException(FlowStoreError error, string message, Exception? inner = null)
    : InvalidOperationException(message, inner)
{
    public FlowStoreError Error { get; } = error;
}
