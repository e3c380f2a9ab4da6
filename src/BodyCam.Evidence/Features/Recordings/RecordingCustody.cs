using BodyCam.Evidence.Domain.Recordings;

namespace BodyCam.Evidence.Features.Recordings;

internal static class RecordingCustody
{
    /// <summary>
    /// The words a custody event about a recording ends with: which recording, and which system controller (by
    /// serial number) sent it, so the log names the machine as well as the dock principal it authenticated as.
    /// </summary>
    public static string Sender(Recording recording) =>
        $"; recording {recording.ContainerName}, sent by system controller {recording.ScuSerial ?? "(serial not given)"}"
        + (recording.Rejected ? ", content the body worn system rejected" : "");
}
