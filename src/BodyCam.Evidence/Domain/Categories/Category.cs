namespace BodyCam.Evidence.Domain.Categories;

/// <summary>
/// A kind of recording the agency sorts evidence into ("Use of force", "Traffic stop"), with how long such
/// recordings are kept. Cameras are offered the active ones; an inactive one stays known for what carries it.
/// </summary>
public sealed class Category
{
    private Category()
    {
    }

    public required string Id { get; init; }
    public string Name { get; private set; } = "";
    public int? RetentionDays { get; private set; }
    public bool Active { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }

    public static Category Create(string id) => new() { Id = id };

    public void Describe(string name, int? retentionDays, bool active, DateTimeOffset now)
    {
        Name = name;
        RetentionDays = retentionDays;
        Active = active;
        UpdatedAt = now;
    }
}
