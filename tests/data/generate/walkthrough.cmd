@echo off
rem sipdns 0.1.0 -- the records of the topology, as a plan against an empty zone
rem generated from walkthrough.yaml
rem it will change at most: 0 to delete, 12 record sets to empty first, 12 to add; 2 self-registered records skipped
rem Each command stands alone and the script goes on: a delete of a record or name
rem that does not exist (DNS_ERROR_RECORD_DOES_NOT_EXIST, DNS_ERROR_NAME_DOES_NOT_EXIST)
rem and an add of a record that exists (DNS_ERROR_RECORD_ALREADY_EXISTS) count as
rem already as planned, so running it twice is harmless. Any other failure (the
rem server refuses a CNAME beside other data) is shown and counted; the script
rem then ends with exit status 1. dnscmd's own exit status is not used.
rem Each managed record set is emptied first (/RecordDelete without data), then
rem its records are added; self-registered sets are only added to.
setlocal
set /a SIPDNS_DONE=0, SIPDNS_ALREADY=0, SIPDNS_FAILED=0
set "SIPDNS_OUT=%TEMP%\sipdns-%RANDOM%-%RANDOM%.txt"
rem ---- internal view, zone contoso.com, server .: 0 to delete, 12 record sets to empty first, 12 to add; 2 self-registered records skipped
rem The zone must exist: dnscmd . /ZoneAdd contoso.com /DsPrimary
rem skipped, self-registered (the server registers it itself; --include-self-registered adds it): dc01.contoso.com. 3600 IN A 10.0.0.1
rem skipped, self-registered (the server registers it itself; --include-self-registered adds it): ocs01.contoso.com. 3600 IN A 10.0.0.10
rem empty the SRV set of _sipinternaltls._tcp.contoso.com.
call :sipdns_delete dnscmd . /RecordDelete contoso.com _sipinternaltls._tcp.contoso.com. SRV /f
rem empty the A set of cwa.contoso.com.
call :sipdns_delete dnscmd . /RecordDelete contoso.com cwa.contoso.com. A /f
rem empty the CNAME set of as.cwa.contoso.com.
call :sipdns_delete dnscmd . /RecordDelete contoso.com as.cwa.contoso.com. CNAME /f
rem empty the CNAME set of download.cwa.contoso.com.
call :sipdns_delete dnscmd . /RecordDelete contoso.com download.cwa.contoso.com. CNAME /f
rem empty the A set of cwa01.contoso.com.
call :sipdns_delete dnscmd . /RecordDelete contoso.com cwa01.contoso.com. A /f
rem empty the A set of edge01.contoso.com.
call :sipdns_delete dnscmd . /RecordDelete contoso.com edge01.contoso.com. A /f
rem empty the CNAME set of im.contoso.com.
call :sipdns_delete dnscmd . /RecordDelete contoso.com im.contoso.com. CNAME /f
rem empty the CNAME set of as.im.contoso.com.
call :sipdns_delete dnscmd . /RecordDelete contoso.com as.im.contoso.com. CNAME /f
rem empty the CNAME set of download.im.contoso.com.
call :sipdns_delete dnscmd . /RecordDelete contoso.com download.im.contoso.com. CNAME /f
rem empty the A set of ucupdates-r2.contoso.com.
call :sipdns_delete dnscmd . /RecordDelete contoso.com ucupdates-r2.contoso.com. A /f
rem empty the A set of webconf.contoso.com.
call :sipdns_delete dnscmd . /RecordDelete contoso.com webconf.contoso.com. A /f
rem empty the A set of webext.contoso.com.
call :sipdns_delete dnscmd . /RecordDelete contoso.com webext.contoso.com. A /f
rem automatic sign-in (TLS) for SIP domain contoso.com [E1, topology line 10]
call :sipdns_add dnscmd . /RecordAdd contoso.com _sipinternaltls._tcp.contoso.com. 3600 SRV 0 0 5061 ocs01.contoso.com.
rem split-brain: internal clients reach the Communicator Web Access external name, published by the reverse proxy [S6, topology line 66]
call :sipdns_add dnscmd . /RecordAdd contoso.com cwa.contoso.com. 3600 A 131.107.155.40
rem split-brain: internal clients reach the Communicator Web Access as name (desktop sharing), via the reverse proxy [S6, topology line 68]
call :sipdns_add dnscmd . /RecordAdd contoso.com as.cwa.contoso.com. 3600 CNAME cwa.contoso.com.
rem split-brain: internal clients reach the Communicator Web Access download name (desktop sharing), via the reverse proxy [S6, topology line 68]
call :sipdns_add dnscmd . /RecordAdd contoso.com download.cwa.contoso.com. 3600 CNAME cwa.contoso.com.
rem Communicator Web Access server [E6, topology line 48]
call :sipdns_add dnscmd . /RecordAdd contoso.com cwa01.contoso.com. 3600 A 10.0.0.20
rem Edge internal interface [R2-I9, topology line 53]
call :sipdns_add dnscmd . /RecordAdd contoso.com edge01.contoso.com. 3600 A 172.25.33.10
rem Communicator Web Access URL host, an alias of its server [E6, topology line 45]
call :sipdns_add dnscmd . /RecordAdd contoso.com im.contoso.com. 3600 CNAME cwa01.contoso.com.
rem Communicator Web Access as name (desktop sharing) [E6, topology line 45]
call :sipdns_add dnscmd . /RecordAdd contoso.com as.im.contoso.com. 3600 CNAME cwa01.contoso.com.
rem Communicator Web Access download name (desktop sharing) [E6, topology line 45]
call :sipdns_add dnscmd . /RecordAdd contoso.com download.im.contoso.com. 3600 CNAME cwa01.contoso.com.
rem Device Update Service discovery for devices not yet signed in [R2-I6, topology line 39]
call :sipdns_add dnscmd . /RecordAdd contoso.com ucupdates-r2.contoso.com. 3600 A 10.0.0.10
rem split-brain: internal clients reach the Web Conferencing Edge external interface [S6, topology line 59]
call :sipdns_add dnscmd . /RecordAdd contoso.com webconf.contoso.com. 3600 A 131.107.155.20
rem split-brain: internal clients reach the external web farm FQDN, published by the reverse proxy [S6, topology line 66]
call :sipdns_add dnscmd . /RecordAdd contoso.com webext.contoso.com. 3600 A 131.107.155.40
rem ---- the totals
echo sipdns: %SIPDNS_DONE% changed, %SIPDNS_ALREADY% already as planned, %SIPDNS_FAILED% failed
del "%SIPDNS_OUT%" 2>nul
if %SIPDNS_FAILED% gtr 0 exit /b 1
exit /b 0
:sipdns_delete
%* >"%SIPDNS_OUT%" 2>&1
findstr /l /c:"Command completed successfully" "%SIPDNS_OUT%" >nul
if not errorlevel 1 goto sipdns_done
findstr /l /c:"DNS_ERROR_RECORD_DOES_NOT_EXIST" /c:"DNS_ERROR_NAME_DOES_NOT_EXIST" "%SIPDNS_OUT%" >nul
if not errorlevel 1 goto sipdns_already
goto sipdns_failed
:sipdns_add
%* >"%SIPDNS_OUT%" 2>&1
findstr /l /c:"Command completed successfully" "%SIPDNS_OUT%" >nul
if not errorlevel 1 goto sipdns_done
findstr /l /c:"DNS_ERROR_RECORD_ALREADY_EXISTS" "%SIPDNS_OUT%" >nul
if not errorlevel 1 goto sipdns_already
goto sipdns_failed
:sipdns_done
set /a SIPDNS_DONE+=1
goto :eof
:sipdns_already
set /a SIPDNS_ALREADY+=1
echo sipdns: already as planned: %*
goto :eof
:sipdns_failed
set /a SIPDNS_FAILED+=1
echo sipdns: FAILED: %*
type "%SIPDNS_OUT%"
goto :eof

@echo off
rem sipdns 0.1.0 -- the records of the topology, as a plan against an empty zone
rem generated from walkthrough.yaml
rem it will change at most: 0 to delete, 10 record sets to empty first, 10 to add
rem Each command stands alone and the script goes on: a delete of a record or name
rem that does not exist (DNS_ERROR_RECORD_DOES_NOT_EXIST, DNS_ERROR_NAME_DOES_NOT_EXIST)
rem and an add of a record that exists (DNS_ERROR_RECORD_ALREADY_EXISTS) count as
rem already as planned, so running it twice is harmless. Any other failure (the
rem server refuses a CNAME beside other data) is shown and counted; the script
rem then ends with exit status 1. dnscmd's own exit status is not used.
rem Each managed record set is emptied first (/RecordDelete without data), then
rem its records are added; self-registered sets are only added to.
setlocal
set /a SIPDNS_DONE=0, SIPDNS_ALREADY=0, SIPDNS_FAILED=0
set "SIPDNS_OUT=%TEMP%\sipdns-%RANDOM%-%RANDOM%.txt"
rem ---- external view, zone contoso.com, server .: 0 to delete, 10 record sets to empty first, 10 to add
rem The zone must exist: dnscmd . /ZoneAdd contoso.com /DsPrimary
rem empty the SRV set of _sipfederationtls._tcp.contoso.com.
call :sipdns_delete dnscmd . /RecordDelete contoso.com _sipfederationtls._tcp.contoso.com. SRV /f
rem empty the SRV set of _sip._tls.contoso.com.
call :sipdns_delete dnscmd . /RecordDelete contoso.com _sip._tls.contoso.com. SRV /f
rem empty the A set of av.contoso.com.
call :sipdns_delete dnscmd . /RecordDelete contoso.com av.contoso.com. A /f
rem empty the A set of cwa.contoso.com.
call :sipdns_delete dnscmd . /RecordDelete contoso.com cwa.contoso.com. A /f
rem empty the CNAME set of as.cwa.contoso.com.
call :sipdns_delete dnscmd . /RecordDelete contoso.com as.cwa.contoso.com. CNAME /f
rem empty the CNAME set of download.cwa.contoso.com.
call :sipdns_delete dnscmd . /RecordDelete contoso.com download.cwa.contoso.com. CNAME /f
rem empty the A set of ns1.contoso.com.
call :sipdns_delete dnscmd . /RecordDelete contoso.com ns1.contoso.com. A /f
rem empty the A set of sip.contoso.com.
call :sipdns_delete dnscmd . /RecordDelete contoso.com sip.contoso.com. A /f
rem empty the A set of webconf.contoso.com.
call :sipdns_delete dnscmd . /RecordDelete contoso.com webconf.contoso.com. A /f
rem empty the A set of webext.contoso.com.
call :sipdns_delete dnscmd . /RecordDelete contoso.com webext.contoso.com. A /f
rem federation for SIP domain contoso.com [R2-E3, topology line 10]
call :sipdns_add dnscmd . /RecordAdd contoso.com _sipfederationtls._tcp.contoso.com. 3600 SRV 0 0 5061 sip.contoso.com.
rem remote user sign-in for SIP domain contoso.com [R2-E2, topology line 10]
call :sipdns_add dnscmd . /RecordAdd contoso.com _sip._tls.contoso.com. 3600 SRV 0 0 443 sip.contoso.com.
rem A/V Edge external interface [R2-E5, topology line 62]
call :sipdns_add dnscmd . /RecordAdd contoso.com av.contoso.com. 3600 A 131.107.155.30
rem Communicator Web Access external name, published by the reverse proxy [R2-E7, topology line 66]
call :sipdns_add dnscmd . /RecordAdd contoso.com cwa.contoso.com. 3600 A 131.107.155.40
rem Communicator Web Access as name (desktop sharing), via the reverse proxy [R2-E7, topology line 68]
call :sipdns_add dnscmd . /RecordAdd contoso.com as.cwa.contoso.com. 3600 CNAME cwa.contoso.com.
rem Communicator Web Access download name (desktop sharing), via the reverse proxy [R2-E7, topology line 68]
call :sipdns_add dnscmd . /RecordAdd contoso.com download.cwa.contoso.com. 3600 CNAME cwa.contoso.com.
rem name server address [RFC1035, topology line 30]
call :sipdns_add dnscmd . /RecordAdd contoso.com ns1.contoso.com. 3600 A 131.107.155.2
rem Access Edge external interface; Access Edge external name for SIP domain contoso.com [R2-E1, topology line 56]
call :sipdns_add dnscmd . /RecordAdd contoso.com sip.contoso.com. 3600 A 131.107.155.10
rem Web Conferencing Edge external interface [R2-E4, topology line 59]
call :sipdns_add dnscmd . /RecordAdd contoso.com webconf.contoso.com. 3600 A 131.107.155.20
rem external web farm FQDN, published by the reverse proxy [R2-E6, topology line 66]
call :sipdns_add dnscmd . /RecordAdd contoso.com webext.contoso.com. 3600 A 131.107.155.40
rem ---- the totals
echo sipdns: %SIPDNS_DONE% changed, %SIPDNS_ALREADY% already as planned, %SIPDNS_FAILED% failed
del "%SIPDNS_OUT%" 2>nul
if %SIPDNS_FAILED% gtr 0 exit /b 1
exit /b 0
:sipdns_delete
%* >"%SIPDNS_OUT%" 2>&1
findstr /l /c:"Command completed successfully" "%SIPDNS_OUT%" >nul
if not errorlevel 1 goto sipdns_done
findstr /l /c:"DNS_ERROR_RECORD_DOES_NOT_EXIST" /c:"DNS_ERROR_NAME_DOES_NOT_EXIST" "%SIPDNS_OUT%" >nul
if not errorlevel 1 goto sipdns_already
goto sipdns_failed
:sipdns_add
%* >"%SIPDNS_OUT%" 2>&1
findstr /l /c:"Command completed successfully" "%SIPDNS_OUT%" >nul
if not errorlevel 1 goto sipdns_done
findstr /l /c:"DNS_ERROR_RECORD_ALREADY_EXISTS" "%SIPDNS_OUT%" >nul
if not errorlevel 1 goto sipdns_already
goto sipdns_failed
:sipdns_done
set /a SIPDNS_DONE+=1
goto :eof
:sipdns_already
set /a SIPDNS_ALREADY+=1
echo sipdns: already as planned: %*
goto :eof
:sipdns_failed
set /a SIPDNS_FAILED+=1
echo sipdns: FAILED: %*
type "%SIPDNS_OUT%"
goto :eof
