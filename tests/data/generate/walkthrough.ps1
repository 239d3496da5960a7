# sipdns 0.1.0 -- the records of the topology, as a plan against an empty zone
# generated from walkthrough.yaml
# Needs the DnsServer module (Windows Server 2012 or later). Every change looks
# first: a record that is gone is not deleted again, a record that is there is not
# added again, so running it twice is harmless. A CNAME where other data is added,
# or data where a CNAME is added, stops the script before it changes anything.
# Each managed record set keeps only the records below (with their TTL); self-
# registered sets are only added to.
Write-Output 'sipdns: this script changes at most: 0 to delete, 12 record sets to empty first, 12 to add; 2 self-registered records skipped'
$ErrorActionPreference = 'Stop'
function Get-SipdnsSet($Server, $Zone, $Name, $Type) {
    @(Get-DnsServerResourceRecord @Server -ZoneName $Zone -Name $Name -RRType $Type -ErrorAction SilentlyContinue)
}
function Get-SipdnsData($Record) {
    $d = $Record.RecordData
    switch ($Record.RecordType) {
        'A' { return $d.IPv4Address.IPAddressToString }
        'AAAA' { return $d.IPv6Address.IPAddressToString }
        'CNAME' { return $d.HostNameAlias.TrimEnd('.').ToLowerInvariant() }
        'SRV' { return ('{0} {1} {2} {3}' -f $d.Priority, $d.Weight, $d.Port, $d.DomainName.TrimEnd('.').ToLowerInvariant()) }
    }
    return ''
}
function Get-SipdnsKey($Record) {
    return ('{0} {1}' -f $Record.TimeToLive.TotalSeconds, (Get-SipdnsData $Record))
}
$SipdnsChanged = 0
$SipdnsAlready = 0
$cn0 = @{}   # internal view, zone contoso.com
if (@(Get-SipdnsSet $cn0 'contoso.com' '_sipinternaltls._tcp' 'CNAME').Count -gt 0) { throw 'sipdns: _sipinternaltls._tcp.contoso.com. has CNAME data, which cannot stay beside what this script adds there: nothing was changed; make the plan again' }
if (@(Get-SipdnsSet $cn0 'contoso.com' 'cwa' 'CNAME').Count -gt 0) { throw 'sipdns: cwa.contoso.com. has CNAME data, which cannot stay beside what this script adds there: nothing was changed; make the plan again' }
if (@(Get-SipdnsSet $cn0 'contoso.com' 'as.cwa' 'A').Count -gt 0) { throw 'sipdns: as.cwa.contoso.com. has A data, which cannot stay beside what this script adds there: nothing was changed; make the plan again' }
if (@(Get-SipdnsSet $cn0 'contoso.com' 'as.cwa' 'AAAA').Count -gt 0) { throw 'sipdns: as.cwa.contoso.com. has AAAA data, which cannot stay beside what this script adds there: nothing was changed; make the plan again' }
if (@(Get-SipdnsSet $cn0 'contoso.com' 'download.cwa' 'A').Count -gt 0) { throw 'sipdns: download.cwa.contoso.com. has A data, which cannot stay beside what this script adds there: nothing was changed; make the plan again' }
if (@(Get-SipdnsSet $cn0 'contoso.com' 'download.cwa' 'AAAA').Count -gt 0) { throw 'sipdns: download.cwa.contoso.com. has AAAA data, which cannot stay beside what this script adds there: nothing was changed; make the plan again' }
if (@(Get-SipdnsSet $cn0 'contoso.com' 'cwa01' 'CNAME').Count -gt 0) { throw 'sipdns: cwa01.contoso.com. has CNAME data, which cannot stay beside what this script adds there: nothing was changed; make the plan again' }
if (@(Get-SipdnsSet $cn0 'contoso.com' 'edge01' 'CNAME').Count -gt 0) { throw 'sipdns: edge01.contoso.com. has CNAME data, which cannot stay beside what this script adds there: nothing was changed; make the plan again' }
if (@(Get-SipdnsSet $cn0 'contoso.com' 'im' 'A').Count -gt 0) { throw 'sipdns: im.contoso.com. has A data, which cannot stay beside what this script adds there: nothing was changed; make the plan again' }
if (@(Get-SipdnsSet $cn0 'contoso.com' 'im' 'AAAA').Count -gt 0) { throw 'sipdns: im.contoso.com. has AAAA data, which cannot stay beside what this script adds there: nothing was changed; make the plan again' }
if (@(Get-SipdnsSet $cn0 'contoso.com' 'as.im' 'A').Count -gt 0) { throw 'sipdns: as.im.contoso.com. has A data, which cannot stay beside what this script adds there: nothing was changed; make the plan again' }
if (@(Get-SipdnsSet $cn0 'contoso.com' 'as.im' 'AAAA').Count -gt 0) { throw 'sipdns: as.im.contoso.com. has AAAA data, which cannot stay beside what this script adds there: nothing was changed; make the plan again' }
if (@(Get-SipdnsSet $cn0 'contoso.com' 'download.im' 'A').Count -gt 0) { throw 'sipdns: download.im.contoso.com. has A data, which cannot stay beside what this script adds there: nothing was changed; make the plan again' }
if (@(Get-SipdnsSet $cn0 'contoso.com' 'download.im' 'AAAA').Count -gt 0) { throw 'sipdns: download.im.contoso.com. has AAAA data, which cannot stay beside what this script adds there: nothing was changed; make the plan again' }
if (@(Get-SipdnsSet $cn0 'contoso.com' 'ucupdates-r2' 'CNAME').Count -gt 0) { throw 'sipdns: ucupdates-r2.contoso.com. has CNAME data, which cannot stay beside what this script adds there: nothing was changed; make the plan again' }
if (@(Get-SipdnsSet $cn0 'contoso.com' 'webconf' 'CNAME').Count -gt 0) { throw 'sipdns: webconf.contoso.com. has CNAME data, which cannot stay beside what this script adds there: nothing was changed; make the plan again' }
if (@(Get-SipdnsSet $cn0 'contoso.com' 'webext' 'CNAME').Count -gt 0) { throw 'sipdns: webext.contoso.com. has CNAME data, which cannot stay beside what this script adds there: nothing was changed; make the plan again' }
# ---- internal view, zone contoso.com: 0 to delete, 12 record sets to empty first, 12 to add; 2 self-registered records skipped
# skipped, self-registered (the server registers it itself; --include-self-registered adds it): dc01.contoso.com. 3600 IN A 10.0.0.1
# skipped, self-registered (the server registers it itself; --include-self-registered adds it): ocs01.contoso.com. 3600 IN A 10.0.0.10
# the SRV set of _sipinternaltls._tcp.contoso.com. keeps only the records added below
$old = @(Get-SipdnsSet $cn0 'contoso.com' '_sipinternaltls._tcp' 'SRV' | Where-Object { @('3600 0 0 5061 ocs01.contoso.com') -notcontains (Get-SipdnsKey $_) })
if ($old.Count -gt 0) { $old | Remove-DnsServerResourceRecord @cn0 -ZoneName 'contoso.com' -Force; $SipdnsChanged += $old.Count } else { $SipdnsAlready++ }
# the A set of cwa.contoso.com. keeps only the records added below
$old = @(Get-SipdnsSet $cn0 'contoso.com' 'cwa' 'A' | Where-Object { @('3600 131.107.155.40') -notcontains (Get-SipdnsKey $_) })
if ($old.Count -gt 0) { $old | Remove-DnsServerResourceRecord @cn0 -ZoneName 'contoso.com' -Force; $SipdnsChanged += $old.Count } else { $SipdnsAlready++ }
# the CNAME set of as.cwa.contoso.com. keeps only the records added below
$old = @(Get-SipdnsSet $cn0 'contoso.com' 'as.cwa' 'CNAME' | Where-Object { @('3600 cwa.contoso.com') -notcontains (Get-SipdnsKey $_) })
if ($old.Count -gt 0) { $old | Remove-DnsServerResourceRecord @cn0 -ZoneName 'contoso.com' -Force; $SipdnsChanged += $old.Count } else { $SipdnsAlready++ }
# the CNAME set of download.cwa.contoso.com. keeps only the records added below
$old = @(Get-SipdnsSet $cn0 'contoso.com' 'download.cwa' 'CNAME' | Where-Object { @('3600 cwa.contoso.com') -notcontains (Get-SipdnsKey $_) })
if ($old.Count -gt 0) { $old | Remove-DnsServerResourceRecord @cn0 -ZoneName 'contoso.com' -Force; $SipdnsChanged += $old.Count } else { $SipdnsAlready++ }
# the A set of cwa01.contoso.com. keeps only the records added below
$old = @(Get-SipdnsSet $cn0 'contoso.com' 'cwa01' 'A' | Where-Object { @('3600 10.0.0.20') -notcontains (Get-SipdnsKey $_) })
if ($old.Count -gt 0) { $old | Remove-DnsServerResourceRecord @cn0 -ZoneName 'contoso.com' -Force; $SipdnsChanged += $old.Count } else { $SipdnsAlready++ }
# the A set of edge01.contoso.com. keeps only the records added below
$old = @(Get-SipdnsSet $cn0 'contoso.com' 'edge01' 'A' | Where-Object { @('3600 172.25.33.10') -notcontains (Get-SipdnsKey $_) })
if ($old.Count -gt 0) { $old | Remove-DnsServerResourceRecord @cn0 -ZoneName 'contoso.com' -Force; $SipdnsChanged += $old.Count } else { $SipdnsAlready++ }
# the CNAME set of im.contoso.com. keeps only the records added below
$old = @(Get-SipdnsSet $cn0 'contoso.com' 'im' 'CNAME' | Where-Object { @('3600 cwa01.contoso.com') -notcontains (Get-SipdnsKey $_) })
if ($old.Count -gt 0) { $old | Remove-DnsServerResourceRecord @cn0 -ZoneName 'contoso.com' -Force; $SipdnsChanged += $old.Count } else { $SipdnsAlready++ }
# the CNAME set of as.im.contoso.com. keeps only the records added below
$old = @(Get-SipdnsSet $cn0 'contoso.com' 'as.im' 'CNAME' | Where-Object { @('3600 cwa01.contoso.com') -notcontains (Get-SipdnsKey $_) })
if ($old.Count -gt 0) { $old | Remove-DnsServerResourceRecord @cn0 -ZoneName 'contoso.com' -Force; $SipdnsChanged += $old.Count } else { $SipdnsAlready++ }
# the CNAME set of download.im.contoso.com. keeps only the records added below
$old = @(Get-SipdnsSet $cn0 'contoso.com' 'download.im' 'CNAME' | Where-Object { @('3600 cwa01.contoso.com') -notcontains (Get-SipdnsKey $_) })
if ($old.Count -gt 0) { $old | Remove-DnsServerResourceRecord @cn0 -ZoneName 'contoso.com' -Force; $SipdnsChanged += $old.Count } else { $SipdnsAlready++ }
# the A set of ucupdates-r2.contoso.com. keeps only the records added below
$old = @(Get-SipdnsSet $cn0 'contoso.com' 'ucupdates-r2' 'A' | Where-Object { @('3600 10.0.0.10') -notcontains (Get-SipdnsKey $_) })
if ($old.Count -gt 0) { $old | Remove-DnsServerResourceRecord @cn0 -ZoneName 'contoso.com' -Force; $SipdnsChanged += $old.Count } else { $SipdnsAlready++ }
# the A set of webconf.contoso.com. keeps only the records added below
$old = @(Get-SipdnsSet $cn0 'contoso.com' 'webconf' 'A' | Where-Object { @('3600 131.107.155.20') -notcontains (Get-SipdnsKey $_) })
if ($old.Count -gt 0) { $old | Remove-DnsServerResourceRecord @cn0 -ZoneName 'contoso.com' -Force; $SipdnsChanged += $old.Count } else { $SipdnsAlready++ }
# the A set of webext.contoso.com. keeps only the records added below
$old = @(Get-SipdnsSet $cn0 'contoso.com' 'webext' 'A' | Where-Object { @('3600 131.107.155.40') -notcontains (Get-SipdnsKey $_) })
if ($old.Count -gt 0) { $old | Remove-DnsServerResourceRecord @cn0 -ZoneName 'contoso.com' -Force; $SipdnsChanged += $old.Count } else { $SipdnsAlready++ }
# automatic sign-in (TLS) for SIP domain contoso.com [E1, topology line 10]
if (@(Get-SipdnsSet $cn0 'contoso.com' '_sipinternaltls._tcp' 'SRV' | Where-Object { (Get-SipdnsData $_) -eq '0 0 5061 ocs01.contoso.com' }).Count -eq 0) {
    $add = @{ ZoneName = 'contoso.com'; Name = '_sipinternaltls._tcp'; DomainName = 'ocs01.contoso.com'; Priority = 0; Weight = 0; Port = 5061; TimeToLive = [TimeSpan]::FromSeconds(3600) }
    Add-DnsServerResourceRecord -Srv @cn0 @add
    $SipdnsChanged++
} else { $SipdnsAlready++ }
# split-brain: internal clients reach the Communicator Web Access external name, published by the reverse proxy [S6, topology line 66]
if (@(Get-SipdnsSet $cn0 'contoso.com' 'cwa' 'A' | Where-Object { (Get-SipdnsData $_) -eq '131.107.155.40' }).Count -eq 0) {
    $add = @{ ZoneName = 'contoso.com'; Name = 'cwa'; IPv4Address = '131.107.155.40'; TimeToLive = [TimeSpan]::FromSeconds(3600) }
    Add-DnsServerResourceRecordA @cn0 @add
    $SipdnsChanged++
} else { $SipdnsAlready++ }
# split-brain: internal clients reach the Communicator Web Access as name (desktop sharing), via the reverse proxy [S6, topology line 68]
if (@(Get-SipdnsSet $cn0 'contoso.com' 'as.cwa' 'CNAME' | Where-Object { (Get-SipdnsData $_) -eq 'cwa.contoso.com' }).Count -eq 0) {
    $add = @{ ZoneName = 'contoso.com'; Name = 'as.cwa'; HostNameAlias = 'cwa.contoso.com'; TimeToLive = [TimeSpan]::FromSeconds(3600) }
    Add-DnsServerResourceRecordCName @cn0 @add
    $SipdnsChanged++
} else { $SipdnsAlready++ }
# split-brain: internal clients reach the Communicator Web Access download name (desktop sharing), via the reverse proxy [S6, topology line 68]
if (@(Get-SipdnsSet $cn0 'contoso.com' 'download.cwa' 'CNAME' | Where-Object { (Get-SipdnsData $_) -eq 'cwa.contoso.com' }).Count -eq 0) {
    $add = @{ ZoneName = 'contoso.com'; Name = 'download.cwa'; HostNameAlias = 'cwa.contoso.com'; TimeToLive = [TimeSpan]::FromSeconds(3600) }
    Add-DnsServerResourceRecordCName @cn0 @add
    $SipdnsChanged++
} else { $SipdnsAlready++ }
# Communicator Web Access server [E6, topology line 48]
if (@(Get-SipdnsSet $cn0 'contoso.com' 'cwa01' 'A' | Where-Object { (Get-SipdnsData $_) -eq '10.0.0.20' }).Count -eq 0) {
    $add = @{ ZoneName = 'contoso.com'; Name = 'cwa01'; IPv4Address = '10.0.0.20'; TimeToLive = [TimeSpan]::FromSeconds(3600) }
    Add-DnsServerResourceRecordA @cn0 @add
    $SipdnsChanged++
} else { $SipdnsAlready++ }
# Edge internal interface [R2-I9, topology line 53]
if (@(Get-SipdnsSet $cn0 'contoso.com' 'edge01' 'A' | Where-Object { (Get-SipdnsData $_) -eq '172.25.33.10' }).Count -eq 0) {
    $add = @{ ZoneName = 'contoso.com'; Name = 'edge01'; IPv4Address = '172.25.33.10'; TimeToLive = [TimeSpan]::FromSeconds(3600) }
    Add-DnsServerResourceRecordA @cn0 @add
    $SipdnsChanged++
} else { $SipdnsAlready++ }
# Communicator Web Access URL host, an alias of its server [E6, topology line 45]
if (@(Get-SipdnsSet $cn0 'contoso.com' 'im' 'CNAME' | Where-Object { (Get-SipdnsData $_) -eq 'cwa01.contoso.com' }).Count -eq 0) {
    $add = @{ ZoneName = 'contoso.com'; Name = 'im'; HostNameAlias = 'cwa01.contoso.com'; TimeToLive = [TimeSpan]::FromSeconds(3600) }
    Add-DnsServerResourceRecordCName @cn0 @add
    $SipdnsChanged++
} else { $SipdnsAlready++ }
# Communicator Web Access as name (desktop sharing) [E6, topology line 45]
if (@(Get-SipdnsSet $cn0 'contoso.com' 'as.im' 'CNAME' | Where-Object { (Get-SipdnsData $_) -eq 'cwa01.contoso.com' }).Count -eq 0) {
    $add = @{ ZoneName = 'contoso.com'; Name = 'as.im'; HostNameAlias = 'cwa01.contoso.com'; TimeToLive = [TimeSpan]::FromSeconds(3600) }
    Add-DnsServerResourceRecordCName @cn0 @add
    $SipdnsChanged++
} else { $SipdnsAlready++ }
# Communicator Web Access download name (desktop sharing) [E6, topology line 45]
if (@(Get-SipdnsSet $cn0 'contoso.com' 'download.im' 'CNAME' | Where-Object { (Get-SipdnsData $_) -eq 'cwa01.contoso.com' }).Count -eq 0) {
    $add = @{ ZoneName = 'contoso.com'; Name = 'download.im'; HostNameAlias = 'cwa01.contoso.com'; TimeToLive = [TimeSpan]::FromSeconds(3600) }
    Add-DnsServerResourceRecordCName @cn0 @add
    $SipdnsChanged++
} else { $SipdnsAlready++ }
# Device Update Service discovery for devices not yet signed in [R2-I6, topology line 39]
if (@(Get-SipdnsSet $cn0 'contoso.com' 'ucupdates-r2' 'A' | Where-Object { (Get-SipdnsData $_) -eq '10.0.0.10' }).Count -eq 0) {
    $add = @{ ZoneName = 'contoso.com'; Name = 'ucupdates-r2'; IPv4Address = '10.0.0.10'; TimeToLive = [TimeSpan]::FromSeconds(3600) }
    Add-DnsServerResourceRecordA @cn0 @add
    $SipdnsChanged++
} else { $SipdnsAlready++ }
# split-brain: internal clients reach the Web Conferencing Edge external interface [S6, topology line 59]
if (@(Get-SipdnsSet $cn0 'contoso.com' 'webconf' 'A' | Where-Object { (Get-SipdnsData $_) -eq '131.107.155.20' }).Count -eq 0) {
    $add = @{ ZoneName = 'contoso.com'; Name = 'webconf'; IPv4Address = '131.107.155.20'; TimeToLive = [TimeSpan]::FromSeconds(3600) }
    Add-DnsServerResourceRecordA @cn0 @add
    $SipdnsChanged++
} else { $SipdnsAlready++ }
# split-brain: internal clients reach the external web farm FQDN, published by the reverse proxy [S6, topology line 66]
if (@(Get-SipdnsSet $cn0 'contoso.com' 'webext' 'A' | Where-Object { (Get-SipdnsData $_) -eq '131.107.155.40' }).Count -eq 0) {
    $add = @{ ZoneName = 'contoso.com'; Name = 'webext'; IPv4Address = '131.107.155.40'; TimeToLive = [TimeSpan]::FromSeconds(3600) }
    Add-DnsServerResourceRecordA @cn0 @add
    $SipdnsChanged++
} else { $SipdnsAlready++ }
# ---- the totals
Write-Output "sipdns: $SipdnsChanged changed, $SipdnsAlready already as planned"

# sipdns 0.1.0 -- the records of the topology, as a plan against an empty zone
# generated from walkthrough.yaml
# Needs the DnsServer module (Windows Server 2012 or later). Every change looks
# first: a record that is gone is not deleted again, a record that is there is not
# added again, so running it twice is harmless. A CNAME where other data is added,
# or data where a CNAME is added, stops the script before it changes anything.
# Each managed record set keeps only the records below (with their TTL); self-
# registered sets are only added to.
Write-Output 'sipdns: this script changes at most: 0 to delete, 10 record sets to empty first, 10 to add'
$ErrorActionPreference = 'Stop'
function Get-SipdnsSet($Server, $Zone, $Name, $Type) {
    @(Get-DnsServerResourceRecord @Server -ZoneName $Zone -Name $Name -RRType $Type -ErrorAction SilentlyContinue)
}
function Get-SipdnsData($Record) {
    $d = $Record.RecordData
    switch ($Record.RecordType) {
        'A' { return $d.IPv4Address.IPAddressToString }
        'AAAA' { return $d.IPv6Address.IPAddressToString }
        'CNAME' { return $d.HostNameAlias.TrimEnd('.').ToLowerInvariant() }
        'SRV' { return ('{0} {1} {2} {3}' -f $d.Priority, $d.Weight, $d.Port, $d.DomainName.TrimEnd('.').ToLowerInvariant()) }
    }
    return ''
}
function Get-SipdnsKey($Record) {
    return ('{0} {1}' -f $Record.TimeToLive.TotalSeconds, (Get-SipdnsData $Record))
}
$SipdnsChanged = 0
$SipdnsAlready = 0
$cn0 = @{}   # external view, zone contoso.com
if (@(Get-SipdnsSet $cn0 'contoso.com' '_sipfederationtls._tcp' 'CNAME').Count -gt 0) { throw 'sipdns: _sipfederationtls._tcp.contoso.com. has CNAME data, which cannot stay beside what this script adds there: nothing was changed; make the plan again' }
if (@(Get-SipdnsSet $cn0 'contoso.com' '_sip._tls' 'CNAME').Count -gt 0) { throw 'sipdns: _sip._tls.contoso.com. has CNAME data, which cannot stay beside what this script adds there: nothing was changed; make the plan again' }
if (@(Get-SipdnsSet $cn0 'contoso.com' 'av' 'CNAME').Count -gt 0) { throw 'sipdns: av.contoso.com. has CNAME data, which cannot stay beside what this script adds there: nothing was changed; make the plan again' }
if (@(Get-SipdnsSet $cn0 'contoso.com' 'cwa' 'CNAME').Count -gt 0) { throw 'sipdns: cwa.contoso.com. has CNAME data, which cannot stay beside what this script adds there: nothing was changed; make the plan again' }
if (@(Get-SipdnsSet $cn0 'contoso.com' 'as.cwa' 'A').Count -gt 0) { throw 'sipdns: as.cwa.contoso.com. has A data, which cannot stay beside what this script adds there: nothing was changed; make the plan again' }
if (@(Get-SipdnsSet $cn0 'contoso.com' 'as.cwa' 'AAAA').Count -gt 0) { throw 'sipdns: as.cwa.contoso.com. has AAAA data, which cannot stay beside what this script adds there: nothing was changed; make the plan again' }
if (@(Get-SipdnsSet $cn0 'contoso.com' 'download.cwa' 'A').Count -gt 0) { throw 'sipdns: download.cwa.contoso.com. has A data, which cannot stay beside what this script adds there: nothing was changed; make the plan again' }
if (@(Get-SipdnsSet $cn0 'contoso.com' 'download.cwa' 'AAAA').Count -gt 0) { throw 'sipdns: download.cwa.contoso.com. has AAAA data, which cannot stay beside what this script adds there: nothing was changed; make the plan again' }
if (@(Get-SipdnsSet $cn0 'contoso.com' 'ns1' 'CNAME').Count -gt 0) { throw 'sipdns: ns1.contoso.com. has CNAME data, which cannot stay beside what this script adds there: nothing was changed; make the plan again' }
if (@(Get-SipdnsSet $cn0 'contoso.com' 'sip' 'CNAME').Count -gt 0) { throw 'sipdns: sip.contoso.com. has CNAME data, which cannot stay beside what this script adds there: nothing was changed; make the plan again' }
if (@(Get-SipdnsSet $cn0 'contoso.com' 'webconf' 'CNAME').Count -gt 0) { throw 'sipdns: webconf.contoso.com. has CNAME data, which cannot stay beside what this script adds there: nothing was changed; make the plan again' }
if (@(Get-SipdnsSet $cn0 'contoso.com' 'webext' 'CNAME').Count -gt 0) { throw 'sipdns: webext.contoso.com. has CNAME data, which cannot stay beside what this script adds there: nothing was changed; make the plan again' }
# ---- external view, zone contoso.com: 0 to delete, 10 record sets to empty first, 10 to add
# the SRV set of _sipfederationtls._tcp.contoso.com. keeps only the records added below
$old = @(Get-SipdnsSet $cn0 'contoso.com' '_sipfederationtls._tcp' 'SRV' | Where-Object { @('3600 0 0 5061 sip.contoso.com') -notcontains (Get-SipdnsKey $_) })
if ($old.Count -gt 0) { $old | Remove-DnsServerResourceRecord @cn0 -ZoneName 'contoso.com' -Force; $SipdnsChanged += $old.Count } else { $SipdnsAlready++ }
# the SRV set of _sip._tls.contoso.com. keeps only the records added below
$old = @(Get-SipdnsSet $cn0 'contoso.com' '_sip._tls' 'SRV' | Where-Object { @('3600 0 0 443 sip.contoso.com') -notcontains (Get-SipdnsKey $_) })
if ($old.Count -gt 0) { $old | Remove-DnsServerResourceRecord @cn0 -ZoneName 'contoso.com' -Force; $SipdnsChanged += $old.Count } else { $SipdnsAlready++ }
# the A set of av.contoso.com. keeps only the records added below
$old = @(Get-SipdnsSet $cn0 'contoso.com' 'av' 'A' | Where-Object { @('3600 131.107.155.30') -notcontains (Get-SipdnsKey $_) })
if ($old.Count -gt 0) { $old | Remove-DnsServerResourceRecord @cn0 -ZoneName 'contoso.com' -Force; $SipdnsChanged += $old.Count } else { $SipdnsAlready++ }
# the A set of cwa.contoso.com. keeps only the records added below
$old = @(Get-SipdnsSet $cn0 'contoso.com' 'cwa' 'A' | Where-Object { @('3600 131.107.155.40') -notcontains (Get-SipdnsKey $_) })
if ($old.Count -gt 0) { $old | Remove-DnsServerResourceRecord @cn0 -ZoneName 'contoso.com' -Force; $SipdnsChanged += $old.Count } else { $SipdnsAlready++ }
# the CNAME set of as.cwa.contoso.com. keeps only the records added below
$old = @(Get-SipdnsSet $cn0 'contoso.com' 'as.cwa' 'CNAME' | Where-Object { @('3600 cwa.contoso.com') -notcontains (Get-SipdnsKey $_) })
if ($old.Count -gt 0) { $old | Remove-DnsServerResourceRecord @cn0 -ZoneName 'contoso.com' -Force; $SipdnsChanged += $old.Count } else { $SipdnsAlready++ }
# the CNAME set of download.cwa.contoso.com. keeps only the records added below
$old = @(Get-SipdnsSet $cn0 'contoso.com' 'download.cwa' 'CNAME' | Where-Object { @('3600 cwa.contoso.com') -notcontains (Get-SipdnsKey $_) })
if ($old.Count -gt 0) { $old | Remove-DnsServerResourceRecord @cn0 -ZoneName 'contoso.com' -Force; $SipdnsChanged += $old.Count } else { $SipdnsAlready++ }
# the A set of ns1.contoso.com. keeps only the records added below
$old = @(Get-SipdnsSet $cn0 'contoso.com' 'ns1' 'A' | Where-Object { @('3600 131.107.155.2') -notcontains (Get-SipdnsKey $_) })
if ($old.Count -gt 0) { $old | Remove-DnsServerResourceRecord @cn0 -ZoneName 'contoso.com' -Force; $SipdnsChanged += $old.Count } else { $SipdnsAlready++ }
# the A set of sip.contoso.com. keeps only the records added below
$old = @(Get-SipdnsSet $cn0 'contoso.com' 'sip' 'A' | Where-Object { @('3600 131.107.155.10') -notcontains (Get-SipdnsKey $_) })
if ($old.Count -gt 0) { $old | Remove-DnsServerResourceRecord @cn0 -ZoneName 'contoso.com' -Force; $SipdnsChanged += $old.Count } else { $SipdnsAlready++ }
# the A set of webconf.contoso.com. keeps only the records added below
$old = @(Get-SipdnsSet $cn0 'contoso.com' 'webconf' 'A' | Where-Object { @('3600 131.107.155.20') -notcontains (Get-SipdnsKey $_) })
if ($old.Count -gt 0) { $old | Remove-DnsServerResourceRecord @cn0 -ZoneName 'contoso.com' -Force; $SipdnsChanged += $old.Count } else { $SipdnsAlready++ }
# the A set of webext.contoso.com. keeps only the records added below
$old = @(Get-SipdnsSet $cn0 'contoso.com' 'webext' 'A' | Where-Object { @('3600 131.107.155.40') -notcontains (Get-SipdnsKey $_) })
if ($old.Count -gt 0) { $old | Remove-DnsServerResourceRecord @cn0 -ZoneName 'contoso.com' -Force; $SipdnsChanged += $old.Count } else { $SipdnsAlready++ }
# federation for SIP domain contoso.com [R2-E3, topology line 10]
if (@(Get-SipdnsSet $cn0 'contoso.com' '_sipfederationtls._tcp' 'SRV' | Where-Object { (Get-SipdnsData $_) -eq '0 0 5061 sip.contoso.com' }).Count -eq 0) {
    $add = @{ ZoneName = 'contoso.com'; Name = '_sipfederationtls._tcp'; DomainName = 'sip.contoso.com'; Priority = 0; Weight = 0; Port = 5061; TimeToLive = [TimeSpan]::FromSeconds(3600) }
    Add-DnsServerResourceRecord -Srv @cn0 @add
    $SipdnsChanged++
} else { $SipdnsAlready++ }
# remote user sign-in for SIP domain contoso.com [R2-E2, topology line 10]
if (@(Get-SipdnsSet $cn0 'contoso.com' '_sip._tls' 'SRV' | Where-Object { (Get-SipdnsData $_) -eq '0 0 443 sip.contoso.com' }).Count -eq 0) {
    $add = @{ ZoneName = 'contoso.com'; Name = '_sip._tls'; DomainName = 'sip.contoso.com'; Priority = 0; Weight = 0; Port = 443; TimeToLive = [TimeSpan]::FromSeconds(3600) }
    Add-DnsServerResourceRecord -Srv @cn0 @add
    $SipdnsChanged++
} else { $SipdnsAlready++ }
# A/V Edge external interface [R2-E5, topology line 62]
if (@(Get-SipdnsSet $cn0 'contoso.com' 'av' 'A' | Where-Object { (Get-SipdnsData $_) -eq '131.107.155.30' }).Count -eq 0) {
    $add = @{ ZoneName = 'contoso.com'; Name = 'av'; IPv4Address = '131.107.155.30'; TimeToLive = [TimeSpan]::FromSeconds(3600) }
    Add-DnsServerResourceRecordA @cn0 @add
    $SipdnsChanged++
} else { $SipdnsAlready++ }
# Communicator Web Access external name, published by the reverse proxy [R2-E7, topology line 66]
if (@(Get-SipdnsSet $cn0 'contoso.com' 'cwa' 'A' | Where-Object { (Get-SipdnsData $_) -eq '131.107.155.40' }).Count -eq 0) {
    $add = @{ ZoneName = 'contoso.com'; Name = 'cwa'; IPv4Address = '131.107.155.40'; TimeToLive = [TimeSpan]::FromSeconds(3600) }
    Add-DnsServerResourceRecordA @cn0 @add
    $SipdnsChanged++
} else { $SipdnsAlready++ }
# Communicator Web Access as name (desktop sharing), via the reverse proxy [R2-E7, topology line 68]
if (@(Get-SipdnsSet $cn0 'contoso.com' 'as.cwa' 'CNAME' | Where-Object { (Get-SipdnsData $_) -eq 'cwa.contoso.com' }).Count -eq 0) {
    $add = @{ ZoneName = 'contoso.com'; Name = 'as.cwa'; HostNameAlias = 'cwa.contoso.com'; TimeToLive = [TimeSpan]::FromSeconds(3600) }
    Add-DnsServerResourceRecordCName @cn0 @add
    $SipdnsChanged++
} else { $SipdnsAlready++ }
# Communicator Web Access download name (desktop sharing), via the reverse proxy [R2-E7, topology line 68]
if (@(Get-SipdnsSet $cn0 'contoso.com' 'download.cwa' 'CNAME' | Where-Object { (Get-SipdnsData $_) -eq 'cwa.contoso.com' }).Count -eq 0) {
    $add = @{ ZoneName = 'contoso.com'; Name = 'download.cwa'; HostNameAlias = 'cwa.contoso.com'; TimeToLive = [TimeSpan]::FromSeconds(3600) }
    Add-DnsServerResourceRecordCName @cn0 @add
    $SipdnsChanged++
} else { $SipdnsAlready++ }
# name server address [RFC1035, topology line 30]
if (@(Get-SipdnsSet $cn0 'contoso.com' 'ns1' 'A' | Where-Object { (Get-SipdnsData $_) -eq '131.107.155.2' }).Count -eq 0) {
    $add = @{ ZoneName = 'contoso.com'; Name = 'ns1'; IPv4Address = '131.107.155.2'; TimeToLive = [TimeSpan]::FromSeconds(3600) }
    Add-DnsServerResourceRecordA @cn0 @add
    $SipdnsChanged++
} else { $SipdnsAlready++ }
# Access Edge external interface; Access Edge external name for SIP domain contoso.com [R2-E1, topology line 56]
if (@(Get-SipdnsSet $cn0 'contoso.com' 'sip' 'A' | Where-Object { (Get-SipdnsData $_) -eq '131.107.155.10' }).Count -eq 0) {
    $add = @{ ZoneName = 'contoso.com'; Name = 'sip'; IPv4Address = '131.107.155.10'; TimeToLive = [TimeSpan]::FromSeconds(3600) }
    Add-DnsServerResourceRecordA @cn0 @add
    $SipdnsChanged++
} else { $SipdnsAlready++ }
# Web Conferencing Edge external interface [R2-E4, topology line 59]
if (@(Get-SipdnsSet $cn0 'contoso.com' 'webconf' 'A' | Where-Object { (Get-SipdnsData $_) -eq '131.107.155.20' }).Count -eq 0) {
    $add = @{ ZoneName = 'contoso.com'; Name = 'webconf'; IPv4Address = '131.107.155.20'; TimeToLive = [TimeSpan]::FromSeconds(3600) }
    Add-DnsServerResourceRecordA @cn0 @add
    $SipdnsChanged++
} else { $SipdnsAlready++ }
# external web farm FQDN, published by the reverse proxy [R2-E6, topology line 66]
if (@(Get-SipdnsSet $cn0 'contoso.com' 'webext' 'A' | Where-Object { (Get-SipdnsData $_) -eq '131.107.155.40' }).Count -eq 0) {
    $add = @{ ZoneName = 'contoso.com'; Name = 'webext'; IPv4Address = '131.107.155.40'; TimeToLive = [TimeSpan]::FromSeconds(3600) }
    Add-DnsServerResourceRecordA @cn0 @add
    $SipdnsChanged++
} else { $SipdnsAlready++ }
# ---- the totals
Write-Output "sipdns: $SipdnsChanged changed, $SipdnsAlready already as planned"
