namespace BodyCam.Evidence.Domain.Recordings;

/// <summary>
/// A moment or span of a recording that someone marked, with free text, tags, and perhaps a category. The
/// category is kept as sent, even when this server does not know it: a camera undocked since the list changed
/// still offers the old categories.
/// </summary>
public sealed class Bookmark
{
    private Bookmark()
    {
    }

    public Guid Id { get; private init; }
    public Guid RecordingId { get; private init; }
    public required string ObjectName { get; init; }
    public required string Text { get; init; }
    public string? CategoryId { get; private init; }
    public string? CategoryName { get; private init; }
    public string? Tags { get; private init; }
    public DateTimeOffset? StartTime { get; private init; }
    public DateTimeOffset? EndTime { get; private init; }

    public static Bookmark Mark(
        Guid id, Guid recordingId, string objectName, string text, string? categoryId, string? categoryName, string? tags,
        DateTimeOffset? startTime, DateTimeOffset? endTime) => new()
    {
        Id = id,
        RecordingId = recordingId,
        ObjectName = objectName,
        Text = text,
        CategoryId = categoryId,
        CategoryName = categoryName,
        Tags = tags,
        StartTime = startTime,
        EndTime = endTime,
    };
}
