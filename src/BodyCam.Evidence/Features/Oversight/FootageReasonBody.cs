namespace BodyCam.Evidence.Features.Oversight;

/// <summary>The body of a step that needs only its reason: none found, release, refusal.</summary>
public sealed record FootageReasonBody(string Reason);
