using BodyCam.Evidence.Features.Audit.SearchAuditTrail;
using BodyCam.Evidence.Features.Categories.ListCategories;
using BodyCam.Evidence.Features.Categories.PutCategory;
using BodyCam.Evidence.Features.Docks.RegisterDock;
using BodyCam.Evidence.Features.Ingestion.Axis;
using BodyCam.Evidence.Features.Recordings.GetRecording;
using BodyCam.Evidence.Features.Recordings.SearchRecordings;
using BodyCam.Evidence.Features.Evidence.GetEvidenceCustody;
using BodyCam.Evidence.Features.Evidence.GetEvidenceItem;
using BodyCam.Evidence.Features.Exports.DecideClipRequest;
using BodyCam.Evidence.Features.Exports.DownloadExport;
using BodyCam.Evidence.Features.Exports.GetClipRequest;
using BodyCam.Evidence.Features.Exports.RequestClip;
using BodyCam.Evidence.Features.Identity.DescribeCurrentActor;
using BodyCam.Evidence.Features.Ingestion.Axis.IssueConnectionFile;
using BodyCam.Evidence.Features.Ingestion.GetUploadStatus;
using BodyCam.Evidence.Features.Ingestion.Tus;
using BodyCam.Evidence.Features.Ledger.GetCheckpoint;
using BodyCam.Evidence.Features.Ledger.GetConsistencyProof;
using BodyCam.Evidence.Features.Ledger.GetInclusionProof;
using BodyCam.Evidence.Features.Ledger.ReadLedgerEntries;
using BodyCam.Evidence.Features.Officers.PutOfficer;
using BodyCam.Evidence.Features.Disposition.ApproveDisposition;
using BodyCam.Evidence.Features.Disposition.DeleteEvidence;
using BodyCam.Evidence.Features.Disposition.GetCertificate;
using BodyCam.Evidence.Features.Disposition.ListDisposition;
using BodyCam.Evidence.Features.Disposition.RequestDisposition;
using BodyCam.Evidence.Features.Disposition.RestoreEvidence;
using BodyCam.Evidence.Features.LegalHolds.GetLegalHold;
using BodyCam.Evidence.Features.LegalHolds.PlaceLegalHold;
using BodyCam.Evidence.Features.LegalHolds.ReleaseLegalHold;
using Microsoft.AspNetCore.Routing;

namespace BodyCam.Evidence.Features;

public static class EvidenceEndpoints
{
    public static IEndpointRouteBuilder MapEvidenceEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapRegisterDock();
        routes.MapDescribeCurrentActor();
        routes.MapTus();
        routes.MapAxisSwift();
        routes.MapPutOfficer();
        routes.MapPutCategory();
        routes.MapListCategories();
        routes.MapGetRecording();
        routes.MapSearchRecordings();
        routes.MapGetUploadStatus();
        routes.MapIssueConnectionFile();
        routes.MapGetEvidenceItem();
        routes.MapGetEvidenceCustody();
        routes.MapGetCheckpoint();
        routes.MapReadLedgerEntries();
        routes.MapGetInclusionProof();
        routes.MapGetConsistencyProof();
        routes.MapSearchAuditTrail();
        routes.MapPlaceLegalHold();
        routes.MapReleaseLegalHold();
        routes.MapGetLegalHold();
        routes.MapRequestDisposition();
        routes.MapApproveDisposition();
        routes.MapRestoreEvidence();
        routes.MapDeleteEvidence();
        routes.MapListDisposition();
        routes.MapGetDispositionCertificate();
        routes.MapRequestClip();
        routes.MapGetClipRequest();
        routes.MapDecideClipRequest();
        routes.MapDownloadExport();
        return routes;
    }
}
