// Command vcsim runs VMware's vCenter simulator (govmomi's simulator package, from Debian's
// golang-github-vmware-govmomi-dev) for the vSphere provider's tests. Debian ships the simulator as a
// library without a command, so this is ours: it starts the VPX model, prints where it listens, and adds
// one endpoint of our own to inject faults.
//
// Two things make the simulator speak to yavijava 6.0 (see shared/notes/vsphere-vcsim.md): the service
// content must not name managers vSphere 6.0 does not know (cleared below, before the model is made), and
// the XML marshaller must write a managed object reference's "type" attribute before "xsi:type" (done by
// build.sh, which builds this file with a patched copy of vim25/xml/marshal.go as an overlay).
package main

import (
	"bytes"
	"crypto/tls"
	"encoding/json"
	"encoding/pem"
	"flag"
	"fmt"
	"io/ioutil"
	"log"
	"net/http"
	"net/url"
	"os"
	"os/signal"
	"regexp"
	"sync"
	"syscall"

	"github.com/vmware/govmomi/simulator"
	"github.com/vmware/govmomi/vim25/types"
)

// fault is one armed fault: the next `times` calls of `method` fail with it.
type fault struct {
	Method  string `json:"method"`
	Fault   string `json:"fault"`
	Message string `json:"message"`
	Times   int    `json:"times"`
}

// faults holds the armed faults; tests arm them over HTTP and calls consume them.
type faults struct {
	mu    sync.Mutex
	armed []*fault
}

func (f *faults) arm(w http.ResponseWriter, r *http.Request) {
	if r.Method == http.MethodDelete {
		f.mu.Lock()
		f.armed = nil
		f.mu.Unlock()
		w.WriteHeader(http.StatusNoContent)
		return
	}
	var a fault
	if err := json.NewDecoder(r.Body).Decode(&a); err != nil || a.Method == "" || newFault(a.Fault) == nil {
		http.Error(w, "want {\"method\":\"CloneVM_Task\",\"fault\":\"InsufficientResourcesFault|NoDiskSpace|InvalidState|NotAuthenticated|SystemError\",\"message\":\"...\",\"times\":1}", http.StatusBadRequest)
		return
	}
	if a.Times <= 0 {
		a.Times = 1
	}
	f.mu.Lock()
	f.armed = append(f.armed, &a)
	f.mu.Unlock()
	w.WriteHeader(http.StatusNoContent)
}

// take returns the armed fault for a method, consuming one of its times, or nil.
func (f *faults) take(method string) *fault {
	f.mu.Lock()
	defer f.mu.Unlock()
	for i, a := range f.armed {
		if a.Method == method {
			a.Times--
			if a.Times == 0 {
				f.armed = append(f.armed[:i], f.armed[i+1:]...)
			}
			return a
		}
	}
	return nil
}

func newFault(name string) types.BaseMethodFault {
	switch name {
	case "InsufficientResourcesFault":
		return new(types.InsufficientResourcesFault)
	case "NoDiskSpace":
		return &types.NoDiskSpace{Datastore: "LocalDS_0"}
	case "InvalidState":
		return new(types.InvalidState)
	case "NotAuthenticated":
		return new(types.NotAuthenticated)
	case "SystemError":
		return &types.SystemError{Reason: "injected"}
	}
	return nil
}

var (
	methodName = regexp.MustCompile(`<(?:[A-Za-z0-9]+:)?([A-Za-z_]+) xmlns(?::[A-Za-z0-9]+)?="urn:vim25"`)
	thisRef    = regexp.MustCompile(`<(?:[A-Za-z0-9]+:)?_this[^>]*type="([A-Za-z]+)"[^>]*>([^<]+)<`)
)

// intercept answers a call whose method has an armed fault: a task method gets a task that ends in the
// fault (as vCenter reports insufficient resources), any other method a SOAP fault.
func (f *faults) intercept(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodPost || r.URL.Path != "/sdk" {
			next.ServeHTTP(w, r)
			return
		}
		body, _ := ioutil.ReadAll(r.Body)
		r.Body = ioutil.NopCloser(bytes.NewReader(body))
		m := methodName.FindSubmatch(body)
		if m == nil {
			next.ServeHTTP(w, r)
			return
		}
		a := f.take(string(m[1]))
		if a == nil {
			next.ServeHTTP(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/xml; charset=utf-8")
		this := thisRef.FindSubmatch(body)
		if this != nil && bytes.HasSuffix(m[1], []byte("_Task")) {
			ref := types.ManagedObjectReference{Type: string(this[1]), Value: string(this[2])}
			task := simulator.CreateTask(ref, a.Method, func(*simulator.Task) (types.AnyType, types.BaseMethodFault) {
				return nil, newFault(a.Fault)
			})
			taskRef := task.Run()
			simulator.Map.Update(task, []types.PropertyChange{{Name: "info.error",
				Val: &types.LocalizedMethodFault{Fault: newFault(a.Fault), LocalizedMessage: a.Message}}})
			fmt.Fprintf(w, `<?xml version="1.0" encoding="UTF-8"?>
<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><soapenv:Body><%sResponse xmlns="urn:vim25"><returnval type="Task">%s</returnval></%sResponse></soapenv:Body></soapenv:Envelope>`,
				a.Method, taskRef.Value, a.Method)
			return
		}
		w.WriteHeader(http.StatusInternalServerError)
		fmt.Fprintf(w, `<?xml version="1.0" encoding="UTF-8"?>
<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><soapenv:Body><soapenv:Fault><faultcode>ServerFaultCode</faultcode><faultstring>%s</faultstring><detail><%sFault xmlns="urn:vim25" xsi:type="%s"></%sFault></detail></soapenv:Fault></soapenv:Body></soapenv:Envelope>`,
			a.Message, a.Fault, a.Fault, a.Fault)
	})
}

func main() {
	listen := flag.String("l", "127.0.0.1:0", "address to listen on (port 0: a free port)")
	useTLS := flag.Bool("tls", true, "serve https with the simulator's certificate")
	urlOut := flag.String("urlout", "", "file to write the SDK URL to (without credentials), once serving")
	certOut := flag.String("certout", "", "file to write the server certificate to (PEM)")
	hosts := flag.Int("cluster-hosts", 3, "hosts in the compute cluster DC0_C0")
	vms := flag.Int("vm", 2, "virtual machines per host in the model")
	trace := flag.Bool("trace", false, "print every SOAP request and response to stderr")
	flag.Parse()

	model := simulator.VPX()
	model.ClusterHost = *hosts
	model.Machine = *vms
	// Managers vSphere 6.0's ServiceContent lacks: yavijava cannot read a service content naming them.
	sc := &model.ServiceContent
	sc.VStorageObjectManager, sc.HostSpecManager, sc.CryptoManager = nil, nil, nil
	sc.HealthUpdateManager, sc.FailoverClusterConfigurator, sc.FailoverClusterManager = nil, nil, nil
	if err := model.Create(); err != nil {
		log.Fatal(err)
	}
	defer model.Remove() // its datastore lives in a temporary directory

	simulator.Trace = *trace
	model.Service.Listen = &url.URL{Host: *listen}
	if *useTLS {
		model.Service.TLS = new(tls.Config)
	}
	armed := &faults{}
	s := model.Service.NewServer()
	defer s.Close()
	mux := s.Config.Handler
	withFaults := http.NewServeMux()
	withFaults.HandleFunc("/palette/faults", armed.arm)
	withFaults.Handle("/", armed.intercept(mux))
	s.Config.Handler = withFaults

	if *certOut != "" && *useTLS {
		pemBytes := pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: s.Certificate().Raw})
		if err := ioutil.WriteFile(*certOut, pemBytes, 0o644); err != nil {
			log.Fatal(err)
		}
	}
	u := *s.URL
	u.User = nil
	if *urlOut != "" {
		// Written last and renamed into place, so a reader never sees a half-written URL.
		tmp := *urlOut + ".tmp"
		if err := ioutil.WriteFile(tmp, []byte(u.String()+"\n"), 0o644); err != nil {
			log.Fatal(err)
		}
		if err := os.Rename(tmp, *urlOut); err != nil {
			log.Fatal(err)
		}
	}
	fmt.Println(u.String())

	sig := make(chan os.Signal, 1)
	signal.Notify(sig, syscall.SIGINT, syscall.SIGTERM)
	<-sig
}
