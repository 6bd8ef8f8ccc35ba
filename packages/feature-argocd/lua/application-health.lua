-- Health of an argoproj.io Application as its parent Application (app of apps) sees it, so that sync
-- waves wait for each child to be deployed. Argo CD (since 1.8) assesses no health for an Application
-- resource without this script (argocd-cm resource.customizations.health.argoproj.io_Application).
--
-- Healthy only when the child is Healthy AND Synced AND its last sync operation (if any) Succeeded:
-- from Argo CD 3.4 a child whose resources failed to apply can still report health Healthy
-- (argoproj/argo-cd#27917), so its health alone is not enough. A sync that is requested or running,
-- or a child that is not Synced, is Progressing; a sync that Failed or Errored is Degraded; any other
-- health of the child (Progressing, Degraded, Suspended, Missing, Unknown) is passed through.
-- A failed sync of a revision the child no longer wants is stale: once the child is Synced at a newer
-- revision (say the commit that reverted what failed, with nothing left to apply, so no new sync
-- runs), the failure no longer holds the waves.
-- Argo CD runs this with the base and table libraries only (no string, math or os).
local hs = {}
local status = obj.status
if status == nil or status.health == nil or status.health.status == nil then
  hs.status = "Progressing"
  hs.message = "Waiting for the Application to be reconciled"
  return hs
end

local function text(value)
  if value == nil then
    return ""
  end
  return tostring(value)
end

-- "Sync <phase>", then ": <message>" when the operation has one
local function syncMessage(phase, message)
  if message == nil or message == "" then
    return "Sync " .. text(phase)
  end
  return "Sync " .. text(phase) .. ": " .. text(message)
end

-- a sync requested (or being retried) and not finished yet
if obj.operation ~= nil then
  hs.status = "Progressing"
  hs.message = "Sync requested"
  return hs
end

-- the revision (or revisions, multi-source) an operation synced, or nil when it does not say
local function operationRevisions(op)
  local result = op.syncResult or {}
  local requested = (op.operation or {}).sync or {}
  return result.revision or requested.revision, result.revisions or requested.revisions
end

-- the child is Synced at revisions other than the ones the operation synced (all of them known)
local function syncedSince(op)
  local sync = status.sync
  if sync == nil or sync.status ~= "Synced" then
    return false
  end
  local revision, revisions = operationRevisions(op)
  if revision ~= nil and revision ~= "" and sync.revision ~= nil and sync.revision ~= "" then
    return revision ~= sync.revision
  end
  if revisions == nil or sync.revisions == nil or #revisions == 0 or #revisions ~= #sync.revisions then
    return false
  end
  for i = 1, #revisions do
    if revisions[i] ~= sync.revisions[i] then
      return true
    end
  end
  return false
end

local op = status.operationState
if op ~= nil and not ((op.phase == "Failed" or op.phase == "Error") and syncedSince(op)) then
  if op.phase == "Failed" or op.phase == "Error" then
    hs.status = "Degraded"
    hs.message = syncMessage(op.phase, op.message)
    return hs
  end
  if op.phase ~= "Succeeded" then
    hs.status = "Progressing"
    hs.message = syncMessage(op.phase, op.message)
    return hs
  end
end

local health = status.health.status
if health ~= "Healthy" then
  if health == "Progressing" or health == "Degraded" or health == "Suspended" or health == "Missing" or health == "Unknown" then
    hs.status = health
  else
    hs.status = "Unknown"
  end
  hs.message = text(status.health.message)
  return hs
end

local sync = nil
if status.sync ~= nil then
  sync = status.sync.status
end
if sync ~= "Synced" then
  hs.status = "Progressing"
  hs.message = "Sync status " .. text(sync)
  return hs
end

hs.status = "Healthy"
hs.message = text(status.health.message)
return hs
