namespace BodyCam.Evidence.Infrastructure.Pipeline;

/// <summary>
/// A message about one evidence item. Beyond its roles, the authorisation behaviour checks that the caller may
/// see that item, and refuses (403 and a custody event naming the item) when not.
/// </summary>
public interface IEvidenceItemMessage
{
    Guid EvidenceId { get; }
}
